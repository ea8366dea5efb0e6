// libFuzzer target: OASIS CAP 1.2 alerts (CapDecoder) as they arrive on xy/v1/cap/<sender>.
//
// Input: the XML document. It goes through FeedDecoder as the app receives it (size, UTF-8, then the CAP
// decoder), on the topic of the alert's own <sender> when that is a valid topic level, so that mutations
// get past topic_mismatch to the <info> blocks.

#include "feeddecoder.h"
#include "fuzzsupport.h"
#include "topicscheme.h"

using namespace citybrain;
using namespace citybrain::fuzz;

namespace {

// The text of the first element whose name ends in "sender>" (<sender>, <cap:sender>), trimmed; a byte
// scan, cheaper than a second XML parse.
QString senderOf(const QByteArray& xml)
{
    const QByteArray open = QByteArrayLiteral("sender>");
    const qsizetype at = xml.indexOf(open);
    if (at < 0)
        return {};
    const qsizetype start = at + open.size();
    const qsizetype end = xml.indexOf("</", start);
    if (end < 0)
        return {};
    return QString::fromUtf8(xml.mid(start, end - start)).trimmed();
}

FeedDecoder::Limits wideLimits()
{
    FeedDecoder::Limits limits;
    limits.maxPastMs = kCenturyMs;
    limits.maxFutureMs = kCenturyMs;
    return limits;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const FeedDecoder decoder(TopicScheme(), wideLimits());
    const QByteArray payload = toBytes(data, size);
    QString sender = senderOf(payload);
    if (!TopicScheme::isValidExternalId(sender))
        sender = QStringLiteral("fuzz@example.org");
    const FeedDecoder::Result result = decoder.decode(decoder.scheme().cap(sender), payload, kNowMs);
    Q_UNUSED(result);
    return 0;
}
