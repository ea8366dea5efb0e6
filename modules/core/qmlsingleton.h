#pragma once

#include <QJSEngine>
#include <QQmlEngine>

namespace citybrain {

// Base for services that main() creates and QML reaches as a singleton (QML_SINGLETON): QML gets the
// C++-owned instance and never deletes it. Tests and main() call provide() before loading QML.
template <typename T> class QmlSingleton
{
public:
    static T* create(QQmlEngine*, QJSEngine*)
    {
        Q_ASSERT_X(s_instance, "QmlSingleton::create", "provide() the instance before loading QML");
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    static void provide(T* instance) { s_instance = instance; }
    [[nodiscard]] static T* instance() { return s_instance; }

private:
    static inline T* s_instance = nullptr;
};

} // namespace citybrain
