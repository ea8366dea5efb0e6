#include "rulefilewatcher.h"

#include <QFileInfo>
#include <QLoggingCategory>

namespace citybrain {

namespace {
Q_LOGGING_CATEGORY(lcRules, "citybrain.rules")
}

RuleFileWatcher::RuleFileWatcher(QString path, QObject* parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(300);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        watch();
        reload();
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_settle.start(); });
    // A file replaced by a rename disappears from the watcher: the directory sees it come back.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
            m_settle.start();
    });
    watch();
}

void RuleFileWatcher::watch()
{
    if (m_path.startsWith(QLatin1Char(':')))
        return; // a compiled-in resource never changes
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!m_watcher.directories().contains(dir))
        m_watcher.addPath(dir);
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

bool RuleFileWatcher::reload()
{
    auto rules = std::make_shared<RuleSet>();
    QStringList errors;
    if (!loadRuleSetFile(m_path, rules.get(), &errors)) {
        qCWarning(lcRules).noquote() << "rule file" << m_path << "not loaded, the rules in force stay:\n  "
                                     << errors.join(QLatin1String("\n  "));
        Q_EMIT loadFailed(errors);
        return false;
    }
    qCInfo(lcRules).noquote() << "rule file" << m_path << "loaded:" << rules->rules.size() << "rules,"
                              << rules->disabled << "disabled";
    Q_EMIT rulesLoaded(std::shared_ptr<const RuleSet>(std::move(rules)));
    return true;
}

} // namespace citybrain
