#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// The response checklist for an incident kind (panel checklist): what the hall works through for a
// fire, a gas leak, waterlogging, ... Created inside the panel with `kind` bound to the focused
// incident's kind; a kind without its own checklist gets the file's "default" one.
//
// The checklists are shared by every instance and come from one JSON file, loaded by loadFile() (a
// deployment's own, from the configuration) or, on first use when none was, the shipped
// :/checklists/response-checklists.json:
//   {"version": 1,
//    "kinds": {"<kind>": {"title": "...", "steps": ["...", ...]}, ...},
//    "default": {"title": "...", "steps": ["...", ...]}}
// A kind id is 1 to 40 characters of [a-z_] (as the rules' incident_kind); a title and each step are
// 1 to maxTextLength characters; a checklist has 1 to maxSteps steps. A file with any error is refused
// whole and the checklists in use stay.
class ResponseChecklist : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY kindChanged)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QStringList steps READ steps NOTIFY changed)
    // "config": the file has a checklist for this kind; "default": the file's default one.
    Q_PROPERTY(QString source READ source NOTIFY changed)
public:
    static constexpr int maxSteps = 20;
    static constexpr int maxTextLength = 200;
    static constexpr const char* shippedPath = ":/checklists/response-checklists.json";

    explicit ResponseChecklist(QObject* parent = nullptr);
    ~ResponseChecklist() override;

    // Validates and, when valid, installs the file's checklists for every instance. False with the
    // reasons in *errors (each "where: why", e.g. "kinds.fire.steps[2]: longer than 200 characters").
    static bool loadFile(const QString& path, QStringList* errors);
    // The kinds with their own checklist, sorted (loads the shipped file if none was loaded).
    [[nodiscard]] static QStringList kinds();

    [[nodiscard]] QString kind() const { return m_kind; }
    void setKind(const QString& kind);
    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] QStringList steps() const { return m_steps; }
    [[nodiscard]] QString source() const { return m_source; }

Q_SIGNALS:
    void kindChanged();
    void changed();

private:
    void reload();

    QString m_kind;
    QString m_title;
    QStringList m_steps;
    QString m_source;
};

} // namespace citybrain
