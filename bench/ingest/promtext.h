#pragma once

#include <QByteArray>
#include <QString>

#include <map>
#include <vector>

namespace citybrain::bench {

// One scrape of a Prometheus text exposition (format 0.0.4), enough for the ingest benchmark:
// counters, gauges and classic histograms, keyed by the sample's full name with labels as written.
class PromText
{
public:
    struct Bucket
    {
        double upperBound = 0; // +inf for the last bucket
        double count = 0; // cumulative, as exposed
    };

    static PromText parse(const QByteArray& text);

    [[nodiscard]] bool isEmpty() const { return m_samples.empty(); }
    [[nodiscard]] bool has(const QString& name) const;
    // The value of one sample (`name` or `name{labels}`), or `fallback`.
    [[nodiscard]] double value(const QString& sample, double fallback = 0) const;
    // The sum over every sample of metric `name`, whatever its labels (not _bucket/_sum/_count).
    [[nodiscard]] double sum(const QString& name) const;
    // name{labels} -> value for every sample of metric `name`.
    [[nodiscard]] std::map<QString, double> series(const QString& name) const;
    // The cumulative buckets of histogram `name`, summed over its other labels, sorted by bound.
    [[nodiscard]] std::vector<Bucket> histogram(const QString& name) const;

private:
    std::map<QString, double> m_samples;
};

// Buckets of `after` minus `before` (counts observed between two scrapes).
std::vector<PromText::Bucket> bucketDelta(
    const std::vector<PromText::Bucket>& after, const std::vector<PromText::Bucket>& before);
// Quantile q (0..1) the way Prometheus' histogram_quantile() estimates it: linear inside the bucket
// the rank falls into; the highest finite bound when it falls into +Inf; -1 when there are no counts.
double histogramQuantile(const std::vector<PromText::Bucket>& buckets, double q);
// Upper bound of the highest non-empty bucket: the maximum is at most this (+inf possible).
double histogramMaxBound(const std::vector<PromText::Bucket>& buckets);
// Observations above `bound` (bound should be a bucket boundary for an exact answer).
double histogramCountAbove(const std::vector<PromText::Bucket>& buckets, double bound);

} // namespace citybrain::bench
