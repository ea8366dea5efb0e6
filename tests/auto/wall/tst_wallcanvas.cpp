#include "wallcanvas.h"

#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

const QRect kLeft(0, 0, 1920, 1080);
const QRect kRight(1920, 0, 1920, 1080);

} // namespace

class TestWallCanvas : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void withoutScreensItIsOneFullHdScreen()
    {
        WallCanvas canvas({}, nullptr);
        canvas.setScreens({});
        QCOMPARE(canvas.screenCount(), 1);
        QCOMPARE(canvas.width(), 1920.0);
        QCOMPARE(canvas.height(), 1080.0);
    }

    void oneScreenIsTheWholeCanvas()
    {
        WallCanvas canvas({}, nullptr);
        canvas.setScreens({ QRect(0, 0, 3840, 2160) });
        QCOMPARE(canvas.width(), 3840.0);
        QCOMPARE(canvas.height(), 2160.0);
        QCOMPARE(canvas.screenWidth(), 3840.0);
        QCOMPARE(canvas.screenRect(0), QRectF(0, 0, 3840, 2160));
        QCOMPARE(canvas.nodeRect(), QRectF(0, 0, 3840, 2160));
        QCOMPARE(canvas.screenRect(1), QRectF());
    }

    void twoScreensSideBySideAreTwoByOne()
    {
        WallCanvas canvas({}, nullptr);
        canvas.setScreens({ kRight, kLeft }); // the desktop's order need not be left to right
        QCOMPARE(canvas.screenCount(), 2);
        QCOMPARE(canvas.width(), 3840.0);
        QCOMPARE(canvas.height(), 1080.0);
        QCOMPARE(canvas.screenRect(0), QRectF(1920, 0, 1920, 1080));
        QCOMPARE(canvas.screenRect(1), QRectF(0, 0, 1920, 1080));
    }

    void theSecondNodeOfATwoByOneWallIsOnTheRightWithBezels()
    {
        WallCanvas canvas({ 2, 1, 1, 0 }, nullptr);
        canvas.setBezelPx(20);
        canvas.setScreens({ kLeft, kRight });
        // Four screens across the wall, three bezels between them.
        QCOMPARE(canvas.width(), 4 * 1920.0 + 3 * 20);
        QCOMPARE(canvas.height(), 1080.0);
        QCOMPARE(canvas.screenRect(0), QRectF(2 * 1940, 0, 1920, 1080));
        QCOMPARE(canvas.screenRect(1), QRectF(3 * 1940, 0, 1920, 1080));
        QCOMPARE(canvas.nodeRect(), QRectF(2 * 1940, 0, 2 * 1920 + 20, 1080));
    }

    void aStackedNodeCountsVerticalBezels()
    {
        WallCanvas canvas({ 1, 2, 0, 1 }, nullptr);
        canvas.setBezelPx(10);
        canvas.setScreens({ kLeft });
        QCOMPARE(canvas.height(), 2 * 1080.0 + 10);
        QCOMPARE(canvas.nodeRect(), QRectF(0, 1090, 1920, 1080));
    }

    void hotPlugRecomputes()
    {
        WallCanvas canvas({}, nullptr);
        canvas.setScreens({ kLeft });
        QSignalSpy spy(&canvas, &WallCanvas::changed);
        canvas.setScreens({ kLeft, kRight });
        QCOMPARE(spy.count(), 1);
        QCOMPARE(canvas.width(), 3840.0);
        QCOMPARE(canvas.nodeRect(), QRectF(0, 0, 3840, 1080));
        canvas.setScreens({ kLeft, kRight }); // nothing new
        QCOMPARE(spy.count(), 1);
        canvas.setScreens({ kLeft }); // unplugged
        QCOMPARE(spy.count(), 2);
        QCOMPARE(canvas.width(), 1920.0);
        QCOMPARE(canvas.screenRect(1), QRectF());
    }
};

QTEST_GUILESS_MAIN(TestWallCanvas)
#include "tst_wallcanvas.moc"
