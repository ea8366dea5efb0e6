#pragma once

// The test's side of systemd's notification socket: an AF_UNIX datagram socket bound where $NOTIFY_SOCKET
// will point, recording each datagram with the sender's pid (SO_PASSCRED, as systemd checks NotifyAccess=)
// and when it arrived. Shared by tst_servicenotifier and tst_servicewatchdog.

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QSocketNotifier>
#include <QString>

#include <cstddef>
#include <cstring>
#include <memory>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

class NotifySocket
{
public:
    struct Datagram
    {
        QByteArray text;
        qint64 pid = 0;
        qint64 atMs = 0; // since the socket was bound
    };

    // `name` is a path, or with a leading '@' a name in the abstract namespace.
    explicit NotifySocket(const QString& name)
        : m_name(name)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        const int on = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        const QByteArray path = name.toLocal8Bit();
        std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));
        socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + std::size_t(path.size()));
        if (path.startsWith('@'))
            address.sun_path[0] = '\0';
        else
            ++length;
        m_bound = ::bind(m_fd, reinterpret_cast<const sockaddr*>(&address), length) == 0;
        m_clock.start();
        m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { drain(); });
    }
    ~NotifySocket()
    {
        m_notifier.reset();
        ::close(m_fd);
        if (!m_name.startsWith(u'@'))
            ::unlink(m_name.toLocal8Bit().constData());
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    [[nodiscard]] bool isBound() const { return m_bound; }
    [[nodiscard]] const QString& name() const { return m_name; }
    [[nodiscard]] const QList<Datagram>& received() const { return m_received; }
    [[nodiscard]] qint64 elapsedMs() const { return m_clock.elapsed(); }

    // The datagrams whose text is `text`, from `pid` when it is not 0, at or after `sinceMs`.
    [[nodiscard]] QList<Datagram> matching(const QByteArray& text, qint64 pid = 0, qint64 sinceMs = 0) const
    {
        QList<Datagram> found;
        for (const Datagram& datagram : m_received) {
            if (datagram.text == text && (pid == 0 || datagram.pid == pid) && datagram.atMs >= sinceMs)
                found.append(datagram);
        }
        return found;
    }
    [[nodiscard]] int count(const QByteArray& text, qint64 pid = 0, qint64 sinceMs = 0) const
    {
        return int(matching(text, pid, sinceMs).size());
    }

private:
    void drain()
    {
        for (;;) {
            char buffer[4096];
            alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
            iovec vector { buffer, sizeof buffer };
            msghdr message {};
            message.msg_iov = &vector;
            message.msg_iovlen = 1;
            message.msg_control = control;
            message.msg_controllen = sizeof control;
            const ssize_t size = ::recvmsg(m_fd, &message, 0);
            if (size < 0)
                return;
            Datagram datagram { QByteArray(buffer, qsizetype(size)), 0, m_clock.elapsed() };
            for (cmsghdr* header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
                if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_CREDENTIALS) {
                    ucred credentials {};
                    std::memcpy(&credentials, CMSG_DATA(header), sizeof credentials);
                    datagram.pid = credentials.pid;
                }
            }
            m_received.append(datagram);
        }
    }

    QString m_name;
    int m_fd = -1;
    bool m_bound = false;
    QElapsedTimer m_clock;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QList<Datagram> m_received;
};
