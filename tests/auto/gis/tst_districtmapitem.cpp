#include "districtlayer.h"
#include "districtmapitem.h"

#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickWindow>
#include <QStandardItemModel>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <cmath>
#include <memory>

Q_IMPORT_QML_PLUGIN(CityBrain_GisPlugin)

using citybrain::District;
using citybrain::DistrictLayer;
using citybrain::DistrictMapItem;

namespace {

enum Role { LonRole = Qt::UserRole + 1, LatRole, SeverityRole, ActiveRole, AcknowledgedRole };

bool near(const QColor& a, const QColor& b, int tolerance = 3)
{
    return qAbs(a.red() - b.red()) <= tolerance && qAbs(a.green() - b.green()) <= tolerance
        && qAbs(a.blue() - b.blue()) <= tolerance;
}

QString describe(const QColor& actual, const QColor& expected, const QString& where)
{
    return QStringLiteral("%1: got %2, expected %3").arg(where, actual.name(), expected.name());
}

// Incidents as any source model would offer them: rows with roles named lon, lat and severity.
class IncidentTestModel : public QStandardItemModel
{
public:
    IncidentTestModel() { setItemRoleNames({ { LonRole, "lon" }, { LatRole, "lat" }, { SeverityRole, "severity" } }); }
    void add(double lon, double lat, int severity)
    {
        auto* item = new QStandardItem;
        item->setData(lon, LonRole);
        item->setData(lat, LatRole);
        item->setData(severity, SeverityRole);
        appendRow(item);
    }
};

// Alarmed sensors as SensorAlarms offers them: a position, a severity, active and acknowledged.
class AlarmTestModel : public QStandardItemModel
{
public:
    AlarmTestModel()
    {
        setItemRoleNames({ { LonRole, "lon" }, { LatRole, "lat" }, { SeverityRole, "severity" },
            { ActiveRole, "active" }, { AcknowledgedRole, "acknowledged" } });
    }
    void add(double lon, double lat, int severity, bool active, bool acknowledged)
    {
        auto* item = new QStandardItem;
        item->setData(lon, LonRole);
        item->setData(lat, LatRole);
        item->setData(severity, SeverityRole);
        item->setData(active, ActiveRole);
        item->setData(acknowledged, AcknowledgedRole);
        appendRow(item);
    }
};

// How many pixels of a box around `at` are near `color`.
int countNear(const QImage& image, const QPointF& at, int radius, const QColor& color, int tolerance = 10)
{
    int count = 0;
    for (int y = int(at.y()) - radius; y <= int(at.y()) + radius; ++y) {
        for (int x = int(at.x()) - radius; x <= int(at.x()) + radius; ++x)
            count += near(image.pixelColor(x, y), color, tolerance) ? 1 : 0;
    }
    return count;
}

} // namespace

class TestDistrictMapItem : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyDistrictIsFilledAtItsSeat();
    void farOutsideTheCityIsBackground();
    void everyNameIsDrawnInsideTheItemWithoutOverlap();
    void bigNamesAreClampedNotClipped();
    void markerShowsItsSeverityColourAndGoesAwayWhenRemoved_data();
    void markerShowsItsSeverityColourAndGoesAwayWhenRemoved();
    void severitiesDifferInShapeNotOnlyColour();
    void modelResetAndNullModelClearMarkers();
    void modelWithoutPositionRolesDrawsNoMarkers();
    void highlightedDistrictGetsHighlightBorder();
    void projectUnprojectRoundTrip();
    void projectionKeepsMercatorAspect();
    void districtAtFindsTheDistrictUnderAPoint();
    void qmlModuleProvidesDistrictMap();
    void alarmIsAHollowSquareAroundAnIncidentAtTheSensor();
    void clearedAlarmsAreNotDrawn();
    void unacknowledgedAlarmHasBracketsThatFollowThePulse();
    void alarmModelGoingAwayClearsAlarmMarkers();

private:
    QImage grab() { return m_window->grabWindow(); }
    QColor pixel(const QImage& image, const QPointF& at) { return image.pixelColor(at.toPoint()); }
    QPointF seatOf(const QString& adcode) const
    {
        const District* district = DistrictLayer::xianyang().find(adcode);
        return m_item->project(district->seat.x(), district->seat.y());
    }

    std::unique_ptr<QQuickWindow> m_window;
    DistrictMapItem* m_item = nullptr;
    const QColor m_background { 0x05, 0x0b, 0x14 };
};

void TestDistrictMapItem::init()
{
    m_window = std::make_unique<QQuickWindow>();
    m_window->setColor(m_background);
    m_window->resize(1600, 1000);
    m_item = new DistrictMapItem(m_window->contentItem());
    m_item->setSize(QSizeF(1600, 1000));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDistrictMapItem::cleanup()
{
    m_window.reset();
    m_item = nullptr;
}

void TestDistrictMapItem::everyDistrictIsFilledAtItsSeat()
{
    m_item->setLabelPixelSize(0); // names off: they sit on the seats
    QCOMPARE(m_item->districtCount(), 14);
    const QImage image = grab();
    for (const District& district : DistrictLayer::xianyang().districts()) {
        const QColor actual = pixel(image, seatOf(district.adcode));
        QVERIFY2(near(actual, m_item->fillColor()), qPrintable(describe(actual, m_item->fillColor(), district.name)));
    }
}

void TestDistrictMapItem::farOutsideTheCityIsBackground()
{
    const QImage image = grab();
    const QPointF beyondWest = m_item->project(107.3, 34.8); // Baoji, west of Xianyang
    QVERIFY(QRectF(0, 0, 1600, 1000).contains(beyondWest));
    for (const QPointF& at : { beyondWest, QPointF(3, 3), QPointF(1596, 996) }) {
        const QColor actual = pixel(image, at);
        QVERIFY2(near(actual, m_background), qPrintable(describe(actual, m_background, "outside")));
    }
}

void TestDistrictMapItem::everyNameIsDrawnInsideTheItemWithoutOverlap()
{
    m_item->setLabelPixelSize(22);
    const QImage image = grab();
    const QRectF itemRect(0, 0, m_item->width(), m_item->height());
    std::vector<QRectF> rects;
    for (const District& district : DistrictLayer::xianyang().districts()) {
        const QRectF rect = m_item->labelRect(district.adcode);
        QVERIFY2(itemRect.contains(rect), qPrintable(district.name));
        QVERIFY2(rect.height() >= 18, qPrintable(district.name));
        for (const QRectF& other : rects)
            QVERIFY2(!rect.intersects(other), qPrintable(district.name));
        rects.push_back(rect);
        int labelPixels = 0;
        for (int y = int(rect.top()); y < int(rect.bottom()); ++y) {
            for (int x = int(rect.left()); x < int(rect.right()); ++x)
                labelPixels += near(image.pixelColor(x, y), m_item->labelColor(), 8) ? 1 : 0;
        }
        // Glyph strokes cover a good part of a CJK name's box.
        QVERIFY2(labelPixels > rect.width() * rect.height() * 0.1, qPrintable(district.name));
    }
}

void TestDistrictMapItem::bigNamesAreClampedNotClipped()
{
    m_item->setMargin(0);
    m_item->setLabelPixelSize(90); // far wider than the seats' distance to the edge
    const QImage image = grab();
    const QRectF itemRect(0, 0, m_item->width(), m_item->height());
    for (const District& district : DistrictLayer::xianyang().districts())
        QVERIFY2(itemRect.contains(m_item->labelRect(district.adcode)), qPrintable(district.name));
    // No name touches the item's edge rows and columns.
    for (int x = 0; x < image.width(); ++x) {
        QVERIFY(!near(image.pixelColor(x, 0), m_item->labelColor(), 40));
        QVERIFY(!near(image.pixelColor(x, image.height() - 1), m_item->labelColor(), 40));
    }
    for (int y = 0; y < image.height(); ++y) {
        QVERIFY(!near(image.pixelColor(0, y), m_item->labelColor(), 40));
        QVERIFY(!near(image.pixelColor(image.width() - 1, y), m_item->labelColor(), 40));
    }
}

void TestDistrictMapItem::markerShowsItsSeverityColourAndGoesAwayWhenRemoved_data()
{
    QTest::addColumn<int>("severity");
    QTest::newRow("minor") << 0;
    QTest::newRow("moderate") << 1;
    QTest::newRow("major") << 2;
    QTest::newRow("critical") << 3;
}

void TestDistrictMapItem::markerShowsItsSeverityColourAndGoesAwayWhenRemoved()
{
    QFETCH(int, severity);
    IncidentTestModel model;
    m_item->setIncidents(&model);
    const QPointF at = m_item->project(108.62, 34.64); // inside 淳化/泾阳, away from names
    const QColor before = pixel(grab(), at);
    const QColor expected = m_item->severityColors().at(severity).value<QColor>();
    QVERIFY(!near(before, expected));

    model.add(108.62, 34.64, severity);
    QColor actual = pixel(grab(), at);
    QVERIFY2(near(actual, expected), qPrintable(describe(actual, expected, "marker")));
    QCOMPARE(m_item->markerCount(), 1);

    model.removeRow(0);
    actual = pixel(grab(), at);
    QVERIFY2(near(actual, before), qPrintable(describe(actual, before, "after removal")));
    QCOMPARE(m_item->markerCount(), 0);
}

void TestDistrictMapItem::severitiesDifferInShapeNotOnlyColour()
{
    // Same colour for every level: an operator who cannot tell the colours apart still sees the level.
    const QColor one(0xff, 0x00, 0xff);
    m_item->setSeverityColors({ one, one, one, one });
    IncidentTestModel model;
    m_item->setIncidents(&model);
    const QPointF at = m_item->project(108.62, 34.64);
    const QRect box = QRectF(at - QPointF(40, 40), QSizeF(80, 80)).toRect();
    std::vector<QImage> masks;
    for (int severity = 0; severity < DistrictMapItem::severityLevels; ++severity) {
        model.clear();
        model.add(108.62, 34.64, severity);
        const QImage image = grab().copy(box);
        QImage mask(image.size(), QImage::Format_Mono);
        mask.fill(0);
        int count = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (near(image.pixelColor(x, y), one, 10)) {
                    mask.setPixel(x, y, 1);
                    ++count;
                }
            }
        }
        QVERIFY2(count > 30, qPrintable(QString::number(severity)));
        masks.push_back(mask);
    }
    for (size_t a = 0; a < masks.size(); ++a) {
        for (size_t b = a + 1; b < masks.size(); ++b) {
            int differing = 0;
            for (int y = 0; y < masks[a].height(); ++y) {
                for (int x = 0; x < masks[a].width(); ++x)
                    differing += masks[a].pixelIndex(x, y) != masks[b].pixelIndex(x, y) ? 1 : 0;
            }
            QVERIFY2(differing > 40, qPrintable(QStringLiteral("%1 vs %2: %3").arg(a).arg(b).arg(differing)));
        }
    }
}

void TestDistrictMapItem::modelResetAndNullModelClearMarkers()
{
    auto model = std::make_unique<IncidentTestModel>();
    model->add(108.62, 34.64, 3);
    model->add(108.3, 35.0, 2);
    m_item->setIncidents(model.get());
    const QPointF at = m_item->project(108.62, 34.64);
    const QColor critical = m_item->severityColors().at(3).value<QColor>();
    QVERIFY(near(pixel(grab(), at), critical));
    QCOMPARE(m_item->markerCount(), 2);

    model->clear(); // modelReset; clear() also drops the role names
    model->setItemRoleNames({ { LonRole, "lon" }, { LatRole, "lat" }, { SeverityRole, "severity" } });
    QVERIFY(!near(pixel(grab(), at), critical));
    QCOMPARE(m_item->markerCount(), 0);

    model->add(108.62, 34.64, 3);
    QVERIFY(near(pixel(grab(), at), critical));
    m_item->setIncidents(nullptr);
    QVERIFY(!near(pixel(grab(), at), critical));

    m_item->setIncidents(model.get());
    QVERIFY(near(pixel(grab(), at), critical));
    model.reset(); // the model goes away under the map
    QCOMPARE(m_item->incidents(), nullptr);
    QVERIFY(!near(pixel(grab(), at), critical));
}

void TestDistrictMapItem::modelWithoutPositionRolesDrawsNoMarkers()
{
    QStandardItemModel model; // default role names: display, decoration, ...
    model.appendRow(new QStandardItem(QStringLiteral("no position")));
    m_item->setIncidents(&model);
    grab();
    QCOMPARE(m_item->markerCount(), 0);
}

void TestDistrictMapItem::highlightedDistrictGetsHighlightBorder()
{
    const District* qindu = DistrictLayer::xianyang().find(QStringLiteral("610402"));
    // A point on the middle of the first boundary edge.
    const QPointF lonLat = (qindu->rings.front().at(0) + qindu->rings.front().at(1)) / 2;
    const QPoint at = m_item->project(lonLat.x(), lonLat.y()).toPoint();
    const auto highlightNear = [&](const QImage& image) {
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                if (near(image.pixelColor(at + QPoint(dx, dy)), m_item->highlightColor(), 6))
                    return true;
            }
        }
        return false;
    };
    QVERIFY(!highlightNear(grab()));
    m_item->setHighlightedDistrict(QStringLiteral("610402"));
    QVERIFY(highlightNear(grab()));
}

void TestDistrictMapItem::projectUnprojectRoundTrip()
{
    const QPointF lonLat(108.7093, 34.3296);
    const QPointF back = m_item->unproject(m_item->project(lonLat.x(), lonLat.y()));
    QVERIFY(qAbs(back.x() - lonLat.x()) < 1e-9);
    QVERIFY(qAbs(back.y() - lonLat.y()) < 1e-9);
}

void TestDistrictMapItem::projectionKeepsMercatorAspect()
{
    const double lat = 34.8;
    const QPointF origin = m_item->project(108.4, lat);
    const QPointF east = m_item->project(108.41, lat);
    const QPointF north = m_item->project(108.4, lat + 0.01);
    QVERIFY(qAbs(east.y() - origin.y()) < 1e-9);
    QVERIFY(north.y() < origin.y()); // north is up
    const double ratio = (origin.y() - north.y()) / (east.x() - origin.x());
    QVERIFY2(qAbs(ratio - 1 / std::cos(qDegreesToRadians(lat + 0.005))) < 1e-3, qPrintable(QString::number(ratio)));
}

void TestDistrictMapItem::districtAtFindsTheDistrictUnderAPoint()
{
    QCOMPARE(m_item->districtAt(seatOf(QStringLiteral("610402"))), QStringLiteral("610402"));
    QCOMPARE(m_item->districtAt(QPointF(3, 3)), QString());
}

void TestDistrictMapItem::qmlModuleProvidesDistrictMap()
{
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQuick
        import CityBrain.Gis
        DistrictMap {
            width: 800; height: 600
            fillColor: "#102030"
            labelPixelSize: 20
            severityColors: ["#00ff00", "#ffff00", "#ff8000", "#ff0000"]
        })",
        QUrl());
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    auto* map = qobject_cast<DistrictMapItem*>(object.get());
    QVERIFY(map);
    QCOMPARE(map->districtCount(), 14);
    QCOMPARE(map->fillColor(), QColor(0x10, 0x20, 0x30));
    QCOMPARE(map->severityColors().at(3).value<QColor>(), QColor(Qt::red));
    // The base class's fillColor (the texture background) stays transparent.
    QCOMPARE(map->QQuickPaintedItem::fillColor(), QColor(Qt::transparent));
}

void TestDistrictMapItem::alarmIsAHollowSquareAroundAnIncidentAtTheSensor()
{
    const QColor one(0xff, 0x00, 0xff);
    m_item->setSeverityColors({ one, one, one, one });
    AlarmTestModel alarms;
    m_item->setAlarms(&alarms);
    const QPointF at = m_item->project(108.62, 34.64);
    alarms.add(108.62, 34.64, 0, true, true);
    QImage image = grab();
    QCOMPARE(m_item->alarmMarkerCount(), 1);
    // The square's edge (half side 10) is coloured, its centre is not: hollow.
    QVERIFY(!near(pixel(image, at), one, 10));
    QVERIFY(countNear(image, at + QPointF(10, 0), 1, one) > 0);
    QVERIFY(countNear(image, at + QPointF(0, -10), 1, one) > 0);
    // A square, not a circle: its corner is drawn too.
    QVERIFY(countNear(image, at + QPointF(10, 10), 1, one) > 0);

    // An incident at the same place still shows inside the square.
    IncidentTestModel incidents;
    incidents.add(108.62, 34.64, 0);
    m_item->setIncidents(&incidents);
    image = grab();
    QVERIFY(near(pixel(image, at), one, 10));
    QVERIFY(countNear(image, at + QPointF(10, 10), 1, one) > 0);
}

void TestDistrictMapItem::clearedAlarmsAreNotDrawn()
{
    AlarmTestModel alarms;
    alarms.add(108.62, 34.64, 3, false, false);
    m_item->setAlarms(&alarms);
    const QPointF at = m_item->project(108.62, 34.64);
    const QColor critical = m_item->severityColors().at(3).value<QColor>();
    const QImage image = grab();
    QCOMPARE(m_item->alarmMarkerCount(), 0);
    QCOMPARE(countNear(image, at, 30, critical), 0);
}

void TestDistrictMapItem::unacknowledgedAlarmHasBracketsThatFollowThePulse()
{
    AlarmTestModel alarms;
    alarms.add(108.62, 34.64, 0, true, false);
    m_item->setAlarms(&alarms);
    const QPointF at = m_item->project(108.62, 34.64);
    const QColor minor = m_item->severityColors().at(0).value<QColor>();
    // The brackets' corners sit at 10 + 6 = 16 px from the centre on both axes.
    const QPointF corner = at + QPointF(16, 16);
    QVERIFY(countNear(grab(), corner, 1, minor, 12) > 0);

    m_item->setAlarmPulse(0);
    QVERIFY(countNear(grab(), corner, 1, minor, 12) == 0);
    m_item->setAlarmPulse(1);

    alarms.item(0)->setData(true, AcknowledgedRole); // its incident was acknowledged
    QVERIFY(countNear(grab(), corner, 1, minor, 12) == 0);
    QVERIFY(countNear(grab(), at + QPointF(10, 0), 1, minor, 12) > 0); // the square stays
}

void TestDistrictMapItem::alarmModelGoingAwayClearsAlarmMarkers()
{
    auto alarms = std::make_unique<AlarmTestModel>();
    alarms->add(108.62, 34.64, 3, true, false);
    alarms->add(108.3, 35.0, 1, true, true);
    m_item->setAlarms(alarms.get());
    grab();
    QCOMPARE(m_item->alarmMarkerCount(), 2);
    QCOMPARE(m_item->markerCount(), 0); // alarms are not incidents
    alarms.reset();
    QCOMPARE(m_item->alarms(), nullptr);
    grab();
    QCOMPARE(m_item->alarmMarkerCount(), 0);
}

QTEST_MAIN(TestDistrictMapItem)
#include "tst_districtmapitem.moc"
