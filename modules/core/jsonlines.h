#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

struct QJsonParseError;

namespace citybrain {

// Where the values of a JSON text are written, by field path, for error messages that name a line:
// QJsonDocument keeps no positions. Paths: "" the root, "grid.columns", "pages[0].panels[2].span".
// A member's line is the line of its key; an array element's, the line where the element starts.
// Built by a small scanner over text QJsonDocument has already accepted (it tolerates anything else).
class JsonLines
{
public:
    JsonLines() = default;
    explicit JsonLines(QByteArrayView json);

    // The 1-based line of the value at path; if the path is not in the text (a missing member), the line
    // of its nearest ancestor that is; 0 for an empty text.
    [[nodiscard]] int line(const QString& path) const;
    [[nodiscard]] bool contains(const QString& path) const { return m_lines.contains(path); }

private:
    QHash<QString, int> m_lines;
};

// A byte offset into UTF-8 text as a 1-based line and column (the column counts characters).
struct JsonTextPosition
{
    int line = 1;
    int column = 1;
};
[[nodiscard]] JsonTextPosition jsonTextPosition(QByteArrayView json, qsizetype offset);

// "line 7, column 5: not valid JSON: missing comma between members" for a failed QJsonDocument::fromJson.
[[nodiscard]] QString jsonSyntaxErrorMessage(QByteArrayView json, const QJsonParseError& error);

// The parent of a field path: "pages[0].span" -> "pages[0]" -> "pages" -> "".
[[nodiscard]] QString jsonParentPath(const QString& path);

} // namespace citybrain
