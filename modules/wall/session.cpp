#include "session.h"

namespace citybrain {

Session::Session(QString role, QString language, QString clientId, QObject* parent)
    : QObject(parent)
    , m_role(std::move(role))
    , m_language(std::move(language))
    , m_clientId(std::move(clientId))
{ }

} // namespace citybrain
