#include "resourceguard.h"

#include "logging.h"
#include "processmetrics.h"

namespace citybrain {

namespace {
// A figure above its limit this many checks in a row: a passing spike between two checks is not a reason
// to restart a wall.
constexpr int crossingsToFire = 2;
} // namespace

ResourceGuard::ResourceGuard(std::chrono::milliseconds interval, QObject* parent)
    : QObject(parent)
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &ResourceGuard::check);
}

void ResourceGuard::setMaxRssMb(qint64 limitMb)
{
    addLimit(QStringLiteral("service/max_rss_mb"), QStringLiteral("resident memory"), QStringLiteral(" MiB"), limitMb,
        []() -> std::optional<qint64> {
            const std::optional<qint64> bytes = processResidentMemoryBytes();
            if (!bytes)
                return std::nullopt;
            return *bytes / (1024 * 1024);
        });
}

void ResourceGuard::addLimit(const QString& key, const QString& what, const QString& unit, qint64 limit, Reading read)
{
    if (limit <= 0 || !read)
        return;
    m_limits.push_back({ key, what, unit, limit, std::move(read), 0 });
}

void ResourceGuard::start()
{
    if (isActive())
        m_timer.start();
}

void ResourceGuard::check()
{
    if (m_fired)
        return;
    for (Limit& limit : m_limits) {
        const std::optional<qint64> value = limit.read();
        if (!value || *value <= limit.limit) {
            limit.crossings = 0;
            continue;
        }
        if (++limit.crossings < crossingsToFire)
            continue;
        const QString reason = QStringLiteral("%1: %2 %3%5 is above the limit of %4%5")
                                   .arg(limit.key, limit.what)
                                   .arg(*value)
                                   .arg(limit.limit)
                                   .arg(limit.unit);
        qCWarning(lcApp).noquote() << "resource limit crossed at" << crossingsToFire << "consecutive checks:" << reason;
        m_fired = true;
        m_timer.stop();
        Q_EMIT limitCrossed(reason);
        return;
    }
}

} // namespace citybrain
