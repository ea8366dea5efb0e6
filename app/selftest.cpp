#include "selftest.h"

#include "citystate.h"
#include "logging.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QQmlComponent>
#include <QQmlEngine>

#include <cstdio>
#include <memory>

namespace citybrain {

namespace {

int g_problems = 0;
QtMessageHandler g_previous = nullptr;

void countProblems(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type != QtDebugMsg && type != QtInfoMsg)
        ++g_problems;
    g_previous(type, context, message);
}

IngestBatch sampleCity()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    IngestBatch batch;
    IndicatorUpdate aqi;
    aqi.id = QStringLiteral("air.aqi");
    aqi.name = QStringLiteral("全市空气质量指数");
    aqi.nameEn = QStringLiteral("City AQI");
    aqi.value = 72;
    aqi.target = 100;
    aqi.hasTarget = true;
    aqi.higherIsBetter = false;
    aqi.tsMs = now - 1000;
    batch.indicators.push_back(aqi);
    aqi.value = 75;
    aqi.tsMs = now;
    batch.indicators.push_back(aqi);
    IncidentEvent incident;
    incident.id = QStringLiteral("INC-SELFTEST-0001");
    incident.source = QStringLiteral("self-test");
    incident.kind = QStringLiteral("waterlogging");
    incident.severity = Severity::Major;
    incident.status = QStringLiteral("new");
    incident.title = QStringLiteral("<b>渭城区文林路积水</b>");
    incident.district = QStringLiteral("610404");
    incident.lon = 108.726;
    incident.lat = 34.340;
    incident.tsMs = now;
    batch.incidents.push_back(incident);
    Annotation note;
    note.id = QStringLiteral("selftest-note");
    note.atMs = now - 500;
    note.text = QStringLiteral("<i>渭城区泵站全部启动</i>");
    note.author = QStringLiteral("self-test");
    note.tsMs = now;
    batch.annotations.push_back(note);
    batch.received = 4;
    batch.newestMessageMs = now;
    return batch;
}

} // namespace

int runQmlSelfTest(QQmlEngine& engine, CityState& state)
{
    g_problems = 0;
    g_previous = qInstallMessageHandler(countProblems);
    state.apply(sampleCity());
    int files = 0;
    QDirIterator it(
        QStringLiteral(":/qt/qml/CityBrain"), { QStringLiteral("*.qml") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        // A singleton is loaded through its users; it cannot be created on its own.
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains("pragma Singleton"))
            continue;
        ++files;
        QQmlComponent component(&engine, QUrl(QStringLiteral("qrc") + path));
        if (component.isError()) {
            for (const QQmlError& error : component.errors())
                qCWarning(lcApp).noquote() << error.toString();
            continue;
        }
        std::unique_ptr<QObject> object(component.create());
        // A delegate with required properties cannot stand alone; its panel creates it with data.
        for (const QQmlError& error : component.errors()) {
            if (!error.description().contains(QLatin1String("Required property")))
                qCWarning(lcApp).noquote() << error.toString();
        }
    }
    if (files == 0)
        qCWarning(lcApp) << "self-test found no QML files";
    qInstallMessageHandler(g_previous);
    std::fprintf(stderr, "self-test: %d QML files, %d problems\n", files, g_problems);
    return g_problems;
}

} // namespace citybrain
