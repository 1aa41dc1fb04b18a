#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace inception::test {

// A small HTTP/1.0 server on 127.0.0.1 for download tests: each path answers with a status and
// a body, optionally promising more bytes than it sends (a transfer cut short) or sending in
// slow chunks (time to cancel).
class LoopbackHttpServer : public QObject {
    Q_OBJECT

public:
    struct Response {
        int status = 200;
        QByteArray body;
        qint64 declaredLength = -1; // the Content-Length to claim; -1: the body's
        int chunkBytes = 0;         // > 0: sent in chunks of this size...
        int chunkDelayMs = 0;       // ... this far apart
    };

    LoopbackHttpServer();
    void serve(const QString& path, Response response) { routes_.insert(path, response); }
    QUrl url(const QString& path) const;
    int requests() const { return requests_; }

private:
    void answer(QTcpSocket* socket);

    QTcpServer server_;
    QHash<QString, Response> routes_;
    int requests_ = 0;
};

} // namespace inception::test
