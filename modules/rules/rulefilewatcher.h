#pragma once

#include "ruleset.h"
#include "settledfilewatcher.h"

#include <QObject>

#include <memory>

namespace citybrain {

// Reloads a rule file when it changes on disk (an editor saving it in place, or replacing it by a
// rename), shortly after the last change. A file that does not load keeps the rules that were in force:
// loadFailed() says why and rulesLoaded() is not emitted. Lives on the thread that created it; the
// receiver hands the new set to the RuleEngine on the ingest worker (RuleEngine::setRules).
class RuleFileWatcher : public QObject
{
    Q_OBJECT
public:
    explicit RuleFileWatcher(QString path, QObject* parent = nullptr);

    [[nodiscard]] QString path() const { return m_path; }
    // Loads the file now: emits rulesLoaded() or loadFailed(); returns whether it loaded.
    bool reload();
    // How long after the last change the file is read (editors write in several steps).
    void setSettleMs(int ms) { m_watcher.setSettleMs(ms); }

Q_SIGNALS:
    void rulesLoaded(std::shared_ptr<const citybrain::RuleSet> rules);
    void loadFailed(const QStringList& errors);

private:
    QString m_path;
    SettledFileWatcher m_watcher;
};

} // namespace citybrain
