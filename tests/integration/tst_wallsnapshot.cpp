// Runs citybrain as a user does (`citybrain --snapshot wall.png`) on its embedded broker and
// simulator, and checks what an operator would: the wall filled with drawn panels and live data.
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestWallSnapshot : public QObject
{
    Q_OBJECT
private:
    struct Run
    {
        int exitCode = -1;
        QString log;
        QImage image;
    };

    // `size` invalid: no --size (the platform's screens decide); `platform` replaces QT_QPA_PLATFORM.
    static Run snapshot(
        const QStringList& extra, const QSize& size, const QString& platform = {}, QImage* secondScreen = nullptr)
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("wall.png"));
        QProcess app;
        app.setProcessChannelMode(QProcess::MergedChannels);
        if (!platform.isEmpty()) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
            app.setProcessEnvironment(environment);
        }
        QStringList arguments { QStringLiteral("--snapshot"), png, QStringLiteral("--snapshot-after"),
            QStringLiteral("8"), QStringLiteral("--db"), dir.filePath(QStringLiteral("citybrain.sqlite")) };
        if (size.isValid())
            arguments << QStringLiteral("--size") << QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        app.start(qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain"), arguments + extra);
        Run run;
        if (!app.waitForFinished(90000)) {
            app.kill();
            app.waitForFinished();
        }
        run.exitCode = app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
        run.log = QString::fromUtf8(app.readAll());
        run.image = QImage(png);
        if (secondScreen)
            *secondScreen = QImage(dir.filePath(QStringLiteral("wall-2.png")));
        return run;
    }

    static int figure(const QString& log, const QString& name)
    {
        const QRegularExpression pattern(name + QStringLiteral("=(\\d+)"));
        const QRegularExpressionMatch match = pattern.match(log);
        return match.hasMatch() ? match.captured(1).toInt() : -1;
    }

    // Spread of luminance in a cell: near zero for an empty, blank area.
    static double spread(const QImage& image, const QRect& cell)
    {
        double sum = 0, sumSquares = 0;
        int n = 0;
        for (int y = cell.top(); y <= cell.bottom(); y += 2) {
            for (int x = cell.left(); x <= cell.right(); x += 2) {
                const double l = qGray(image.pixel(x, y));
                sum += l;
                sumSquares += l * l;
                ++n;
            }
        }
        const double mean = sum / n;
        return std::sqrt(std::max(0.0, sumSquares / n - mean * mean));
    }

    // Every part of the screen carries drawn content: no blank panel. `cols` x `rows` cells each hold
    // something drawn (a panel with nothing to show still says why, but in a small corner of a small
    // screen that can be a flat area: smaller screens are checked in coarser cells).
    static void checkDrawn(const QImage& image, const QSize& size, int cols = 4, int rows = 3)
    {
        QVERIFY2(!image.isNull(), "no PNG written");
        QCOMPARE(image.size(), size);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 200, qPrintable(QStringLiteral("only %1 colours: blank wall?").arg(colours.size())));
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                const QRect cell(
                    c * size.width() / cols, r * size.height() / rows, size.width() / cols, size.height() / rows);
                QVERIFY2(spread(image, cell) > 3.0,
                    qPrintable(QStringLiteral("cell %1,%2 of the wall is blank").arg(c).arg(r)));
            }
        }
    }

    static void checkWall(const Run& run, const QSize& size, int cols = 4, int rows = 3)
    {
        QVERIFY2(run.exitCode == 0, qPrintable(run.log));
        checkDrawn(run.image, size, cols, rows);
        if (QTest::currentTestFailed())
            return;
        // Live data went all the way from the simulator through the broker into the wall's models.
        QVERIFY2(figure(run.log, QStringLiteral("indicators")) >= 6, qPrintable(run.log));
        QVERIFY2(figure(run.log, QStringLiteral("incidents")) >= 1, qPrintable(run.log));
        QVERIFY2(figure(run.log, QStringLiteral("messages")) >= 100, qPrintable(run.log));
        QCOMPARE(figure(run.log, QStringLiteral("rejected")), 0);
    }

private Q_SLOTS:
    void fourKWallShowsLiveCity()
    {
        const QSize size(3840, 2160);
        const Run run = snapshot({}, size);
        checkWall(run, size);
    }

    // A PC with two screens side by side (the offscreen platform's screen list): a window on each, each
    // showing its half of the one wall canvas, both fully drawn and not the same picture.
    void twoScreensGetAWindowEach()
    {
        QTemporaryDir dir;
        QFile screens(dir.filePath(QStringLiteral("screens.json")));
        QVERIFY(screens.open(QIODevice::WriteOnly));
        screens.write(R"({"screens": [{"name": "left", "x": 0, "y": 0, "width": 1280, "height": 720},
                                      {"name": "right", "x": 1280, "y": 0, "width": 1280, "height": 720}]})");
        screens.close();
        QImage right;
        const Run run = snapshot({}, QSize(), QStringLiteral("offscreen:configfile=") + screens.fileName(), &right);
        checkWall(run, QSize(1280, 720), 2, 2);
        checkDrawn(right, QSize(1280, 720), 2, 2);
        QVERIFY2(run.image != right, "both screens show the same picture");
    }

    void fullHdConsoleInEnglish()
    {
        const QSize size(1920, 1080);
        const Run run = snapshot({ QStringLiteral("--lang"), QStringLiteral("en") }, size);
        checkWall(run, size);
    }
};

QTEST_GUILESS_MAIN(TestWallSnapshot)
#include "tst_wallsnapshot.moc"
