#include "rulefilewatcher.h"

#include <QLoggingCategory>

namespace citybrain {

namespace {
Q_LOGGING_CATEGORY(lcRules, "citybrain.rules")
}

RuleFileWatcher::RuleFileWatcher(QString path, QObject* parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_watcher(m_path)
{
    connect(&m_watcher, &SettledFileWatcher::changed, this, &RuleFileWatcher::reload);
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
