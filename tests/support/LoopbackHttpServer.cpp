#include "tests/support/LoopbackHttpServer.hpp"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace inception::test {

LoopbackHttpServer::LoopbackHttpServer() {
    server_.listen(QHostAddress::LocalHost, 0);
    connect(&server_, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = server_.nextPendingConnection()) {
            auto request = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, request] {
                request->append(socket->readAll());
                if (request->contains("\r\n\r\n")) {
                    socket->setProperty("path", request->split(' ').value(1));
                    answer(socket);
                }
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

QUrl LoopbackHttpServer::url(const QString& path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_.serverPort()).arg(path));
}

void LoopbackHttpServer::answer(QTcpSocket* socket) {
    socket->disconnect(this);
    ++requests_;
    const QString path = QString::fromLatin1(socket->property("path").toByteArray());
    const Response r = routes_.value(path, Response{404, "no such file", -1, 0, 0});
    const QByteArray reason = r.status == 200 ? "OK" : r.status == 404 ? "Not Found" : "Error";
    const qint64 length = r.declaredLength >= 0 ? r.declaredLength : r.body.size();
    socket->write("HTTP/1.0 " + QByteArray::number(r.status) + ' ' + reason +
                  "\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                  QByteArray::number(length) + "\r\n\r\n");
    if (r.chunkBytes <= 0) {
        socket->write(r.body);
        socket->disconnectFromHost();
        return;
    }
    auto* timer = new QTimer(socket);
    auto sent = std::make_shared<qint64>(0);
    QPointer<QTcpSocket> guard(socket);
    connect(timer, &QTimer::timeout, socket, [guard, timer, sent, r] {
        if (!guard)
            return;
        guard->write(r.body.mid(*sent, r.chunkBytes));
        *sent += r.chunkBytes;
        if (*sent >= r.body.size()) {
            timer->stop();
            guard->disconnectFromHost();
        }
    });
    timer->start(r.chunkDelayMs);
}

} // namespace inception::test
