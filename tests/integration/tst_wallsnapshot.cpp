// Runs citybrain as a user does (`citybrain --snapshot wall.png`) on its embedded broker and
// simulator, and checks what an operator would: the wall filled with drawn panels and live data.
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

    static Run snapshot(const QStringList& extra, const QSize& size)
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("wall.png"));
        QProcess app;
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain"),
            QStringList { QStringLiteral("--snapshot"), png, QStringLiteral("--snapshot-after"), QStringLiteral("8"),
                QStringLiteral("--size"), QStringLiteral("%1x%2").arg(size.width()).arg(size.height()),
                QStringLiteral("--db"), dir.filePath(QStringLiteral("citybrain.sqlite")) }
                + extra);
        Run run;
        if (!app.waitForFinished(90000)) {
            app.kill();
            app.waitForFinished();
        }
        run.exitCode = app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
        run.log = QString::fromUtf8(app.readAll());
        run.image = QImage(png);
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

    static void checkWall(const Run& run, const QSize& size)
    {
        QVERIFY2(run.exitCode == 0, qPrintable(run.log));
        QVERIFY2(!run.image.isNull(), "no PNG written");
        QCOMPARE(run.image.size(), size);
        QSet<QRgb> colours;
        for (int y = 0; y < run.image.height(); y += 3)
            for (int x = 0; x < run.image.width(); x += 3)
                colours.insert(run.image.pixel(x, y));
        QVERIFY2(colours.size() > 200, qPrintable(QStringLiteral("only %1 colours: blank wall?").arg(colours.size())));
        // Every part of the wall carries drawn content: no blank panel.
        const int cols = 4, rows = 3;
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                const QRect cell(
                    c * size.width() / cols, r * size.height() / rows, size.width() / cols, size.height() / rows);
                QVERIFY2(spread(run.image, cell) > 3.0,
                    qPrintable(QStringLiteral("cell %1,%2 of the wall is blank").arg(c).arg(r)));
            }
        }
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

    void fullHdConsoleInEnglish()
    {
        const QSize size(1920, 1080);
        const Run run = snapshot({ QStringLiteral("--lang"), QStringLiteral("en") }, size);
        checkWall(run, size);
    }
};

QTEST_GUILESS_MAIN(TestWallSnapshot)
#include "tst_wallsnapshot.moc"
