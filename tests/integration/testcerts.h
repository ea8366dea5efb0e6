#pragma once

// Test certificates made with the openssl CLI in a folder the test owns: a CA, and server certificates
// it signs for a given subjectAltName. Short-lived (2 days): they exist for one test run.
#include <QDebug>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace citybrain::testing {

class TestCerts
{
public:
    explicit TestCerts(QString dir)
        : m_dir(std::move(dir))
    { }

    [[nodiscard]] QString path(const QString& name) const { return QDir(m_dir).filePath(name); }
    [[nodiscard]] QString certificate(const QString& name) const { return path(name + QStringLiteral(".pem")); }
    [[nodiscard]] QString key(const QString& name) const { return path(name + QStringLiteral(".key")); }

    // A self-signed CA: <name>.pem and <name>.key.
    bool makeCa(const QString& name) const
    {
        return openssl({ "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
            "-keyout", key(name), "-out", certificate(name) });
    }

    // A server certificate signed by `ca` for `altName` (e.g. "IP:127.0.0.1,DNS:localhost").
    bool makeServer(const QString& name, const QString& ca, const QString& altName) const
    {
        QFile ext(path(name + ".ext"));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write("subjectAltName=" + altName.toUtf8() + "\n");
        ext.close();
        return openssl({ "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", key(name), "-out",
                   path(name + ".csr") })
            && openssl({ "x509", "-req", "-in", path(name + ".csr"), "-CA", certificate(ca), "-CAkey", key(ca),
                "-CAcreateserial", "-days", "2", "-extfile", path(name + ".ext"), "-out", certificate(name) });
    }

private:
    static bool openssl(const QStringList& arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            qWarning().noquote() << "openssl" << arguments.join(u' ') << process.readAll();
            return false;
        }
        return true;
    }

    QString m_dir;
};

} // namespace citybrain::testing
