#include "jsonlines.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace citybrain {

namespace {

constexpr int maxDepth = 512; // deeper than QJsonDocument accepts: the scanner gives up rather than recurse

// One pass over the text, recording the line of every value by its path.
class Scanner
{
public:
    Scanner(QByteArrayView json, QHash<QString, int>* lines)
        : m_json(json)
        , m_lines(lines)
    { }

    void run()
    {
        if (m_json.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        skipSpace();
        if (m_pos < m_json.size())
            value(QString(), m_line, 0);
    }

private:
    [[nodiscard]] bool atEnd() const { return m_pos >= m_json.size(); }
    [[nodiscard]] char peek() const { return atEnd() ? '\0' : m_json.at(m_pos); }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_json.at(m_pos);
            if (c == '\n')
                ++m_line;
            else if (c != ' ' && c != '\t' && c != '\r')
                return;
            ++m_pos;
        }
    }

    // A string starting at m_pos ('"'); returns its decoded text.
    QString string()
    {
        const qsizetype start = m_pos++;
        bool escaped = false;
        while (!atEnd()) {
            const char c = m_json.at(m_pos++);
            if (c == '\\') {
                escaped = true;
                ++m_pos;
            } else if (c == '"') {
                break;
            } else if (c == '\n') {
                ++m_line; // invalid JSON, but keep the count honest
            }
        }
        m_pos = std::min(m_pos, m_json.size());
        const QByteArrayView raw = m_json.sliced(start, m_pos - start);
        if (!escaped)
            return QString::fromUtf8(raw.sliced(1, std::max<qsizetype>(0, raw.size() - 2)));
        // Rare (keys with escapes): let the real parser decode it.
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + raw.toByteArray() + QByteArray("]"));
        return doc.array().at(0).toString();
    }

    void value(const QString& path, int line, int depth)
    {
        m_lines->insert(path, line);
        if (depth > maxDepth) {
            m_pos = m_json.size();
            return;
        }
        switch (peek()) {
        case '{':
            object(path, depth);
            return;
        case '[':
            array(path, depth);
            return;
        case '"':
            string();
            return;
        default:
            // A number, true, false or null: up to the next delimiter.
            while (!atEnd() && !QByteArrayView(",]} \t\r\n").contains(peek()))
                ++m_pos;
            return;
        }
    }

    void object(const QString& path, int depth)
    {
        ++m_pos; // '{'
        skipSpace();
        while (!atEnd() && peek() != '}') {
            if (peek() != '"') { // not JSON: stop rather than guess
                m_pos = m_json.size();
                return;
            }
            const int keyLine = m_line;
            const QString key = string();
            skipSpace();
            if (peek() == ':')
                ++m_pos;
            skipSpace();
            value(path.isEmpty() ? key : path + QLatin1Char('.') + key, keyLine, depth + 1);
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                skipSpace();
            }
        }
        ++m_pos; // '}'
    }

    void array(const QString& path, int depth)
    {
        ++m_pos; // '['
        skipSpace();
        for (int index = 0; !atEnd() && peek() != ']'; ++index) {
            const qsizetype before = m_pos;
            value(path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']'), m_line, depth + 1);
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                skipSpace();
            } else if (m_pos == before) {
                m_pos = m_json.size(); // no progress: not JSON
            }
        }
        ++m_pos; // ']'
    }

    QByteArrayView m_json;
    QHash<QString, int>* m_lines;
    qsizetype m_pos = 0;
    int m_line = 1;
};

} // namespace

JsonLines::JsonLines(QByteArrayView json)
{
    Scanner(json, &m_lines).run();
}

int JsonLines::line(const QString& path) const
{
    QString p = path;
    while (true) {
        const auto it = m_lines.constFind(p);
        if (it != m_lines.constEnd())
            return *it;
        if (p.isEmpty())
            return 0;
        p = jsonParentPath(p);
    }
}

QString jsonParentPath(const QString& path)
{
    const qsizetype cut = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
    return cut < 0 ? QString() : path.left(cut);
}

JsonTextPosition jsonTextPosition(QByteArrayView json, qsizetype offset)
{
    JsonTextPosition position;
    const qsizetype end = std::clamp<qsizetype>(offset, 0, json.size());
    for (qsizetype i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(json.at(i));
        if (c == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((c & 0xC0) != 0x80) { // not a UTF-8 continuation byte: a new character
            ++position.column;
        }
    }
    return position;
}

QString jsonSyntaxErrorMessage(QByteArrayView json, const QJsonParseError& error)
{
    // Qt's offset is just past the character it stumbled on (measured with Qt 6.4): point at that character.
    const JsonTextPosition at = jsonTextPosition(json, std::max(0, error.offset - 1));
    return QStringLiteral("line %1, column %2: not valid JSON: %3")
        .arg(at.line)
        .arg(at.column)
        .arg(error.errorString());
}

} // namespace citybrain
