#include "promtext.h"

#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace citybrain::bench {

namespace {
QString metricName(const QString& sample)
{
    const qsizetype brace = sample.indexOf(QLatin1Char('{'));
    return brace < 0 ? sample : sample.left(brace);
}

double parseNumber(const QString& text, bool* ok)
{
    if (text == QLatin1String("+Inf") || text == QLatin1String("Inf")) {
        *ok = true;
        return std::numeric_limits<double>::infinity();
    }
    if (text == QLatin1String("-Inf")) {
        *ok = true;
        return -std::numeric_limits<double>::infinity();
    }
    return text.toDouble(ok);
}
} // namespace

PromText PromText::parse(const QByteArray& text)
{
    PromText out;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray& raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        // name{labels} value [timestamp]; label values may contain spaces, so split after the '}'.
        const qsizetype close = line.lastIndexOf(QLatin1Char('}'));
        const qsizetype split = line.indexOf(QLatin1Char(' '), close < 0 ? 0 : close);
        if (split < 0)
            continue;
        const QString key = line.left(split);
        const QString rest = line.mid(split + 1).trimmed();
        const QString number = rest.section(QLatin1Char(' '), 0, 0);
        bool ok = false;
        const double value = parseNumber(number, &ok);
        if (ok)
            out.m_samples[key] = value;
    }
    return out;
}

bool PromText::has(const QString& name) const
{
    return std::any_of(
        m_samples.begin(), m_samples.end(), [&name](const auto& sample) { return metricName(sample.first) == name; });
}

double PromText::value(const QString& sample, double fallback) const
{
    const auto it = m_samples.find(sample);
    return it == m_samples.end() ? fallback : it->second;
}

double PromText::sum(const QString& name) const
{
    double total = 0;
    for (const auto& [key, value] : m_samples) {
        if (metricName(key) == name)
            total += value;
    }
    return total;
}

std::map<QString, double> PromText::series(const QString& name) const
{
    std::map<QString, double> out;
    for (const auto& [key, value] : m_samples) {
        if (metricName(key) == name)
            out.emplace(key, value);
    }
    return out;
}

std::vector<PromText::Bucket> PromText::histogram(const QString& name) const
{
    static const QRegularExpression le(QStringLiteral(R"re(le="([^"]*)")re"));
    std::map<double, double> byBound;
    const QString bucketName = name + QStringLiteral("_bucket");
    for (const auto& [key, value] : m_samples) {
        if (metricName(key) != bucketName)
            continue;
        const QRegularExpressionMatch match = le.match(key);
        bool ok = false;
        const double bound = match.hasMatch() ? parseNumber(match.captured(1), &ok) : 0;
        if (ok)
            byBound[bound] += value;
    }
    std::vector<Bucket> out;
    out.reserve(byBound.size());
    for (const auto& [bound, count] : byBound)
        out.push_back(Bucket { bound, count });
    return out;
}

std::vector<PromText::Bucket> bucketDelta(
    const std::vector<PromText::Bucket>& after, const std::vector<PromText::Bucket>& before)
{
    std::vector<PromText::Bucket> out = after;
    for (PromText::Bucket& bucket : out) {
        for (const PromText::Bucket& old : before) {
            if (old.upperBound == bucket.upperBound)
                bucket.count -= old.count;
        }
    }
    return out;
}

double histogramQuantile(const std::vector<PromText::Bucket>& buckets, double q)
{
    if (buckets.empty())
        return -1;
    const double total = buckets.back().count;
    if (total <= 0)
        return -1;
    const double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (const PromText::Bucket& bucket : buckets) {
        if (bucket.count >= rank) {
            if (std::isinf(bucket.upperBound))
                return lowerBound; // the estimate can only say "above the highest finite bound"
            const double inBucket = bucket.count - lowerCount;
            if (inBucket <= 0)
                return bucket.upperBound;
            return lowerBound + (bucket.upperBound - lowerBound) * (rank - lowerCount) / inBucket;
        }
        lowerBound = bucket.upperBound;
        lowerCount = bucket.count;
    }
    return lowerBound;
}

double histogramMaxBound(const std::vector<PromText::Bucket>& buckets)
{
    double previous = 0;
    double bound = 0;
    for (const PromText::Bucket& bucket : buckets) {
        if (bucket.count > previous)
            bound = bucket.upperBound;
        previous = bucket.count;
    }
    return bound;
}

double histogramCountAbove(const std::vector<PromText::Bucket>& buckets, double bound)
{
    if (buckets.empty())
        return 0;
    double atOrBelow = 0;
    for (const PromText::Bucket& bucket : buckets) {
        if (bucket.upperBound <= bound)
            atOrBelow = bucket.count;
    }
    return buckets.back().count - atOrBelow;
}

} // namespace citybrain::bench
