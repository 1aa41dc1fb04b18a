#include "ui/experiments/ExperimentSession.hpp"

#include "core/base/InputError.hpp"
#include "core/experiments/ExperimentRunner.hpp"

#include <QFutureWatcher>
#include <QPointer>
#include <QThread>
#include <QtConcurrent>

namespace inception::ui {

namespace {

using StatusPtr = std::shared_ptr<const inception::ExperimentStatus>;

// Tells the session which trial started, from the training thread.
class TrialAnnouncer : public inception::ExperimentObserver {
public:
    explicit TrialAnnouncer(ExperimentSession* session) : session_(session) {}
    void trialStarting(const inception::TrialStatus& trial, int) override {
        const int id = trial.plan.id;
        const QString label = QString::fromStdString(trial.plan.label(false));
        QMetaObject::invokeMethod(session_, [session = session_, id, label] {
            if (session)
                emit session->trialStarted(id, label);
        });
    }

private:
    QPointer<ExperimentSession> session_;
};

} // namespace

ExperimentSession::ExperimentSession(QObject* parent) : QObject(parent) {
    pollTimer_.setInterval(1000);
    connect(&pollTimer_, &QTimer::timeout, this, &ExperimentSession::poll);
}

ExperimentSession::~ExperimentSession() {
    if (thread_) {
        control_->requestCancel();
        thread_->wait();
    }
}

void ExperimentSession::open(const QString& folder) {
    folder_ = folder;
    ++openedGeneration_;
    pollTimer_.start();
    poll();
}

void ExperimentSession::refreshNow() {
    try {
        emit statusChanged(std::make_shared<const inception::ExperimentStatus>(
            inception::readExperimentStatus(folder_.toStdString())));
    } catch (const inception::InputError& e) {
        emit failed(QString::fromStdString(e.oneLine()));
    }
}

void ExperimentSession::poll() {
    if (folder_.isEmpty() || polling_)
        return;
    polling_ = true;
    auto* watcher = new QFutureWatcher<std::pair<StatusPtr, QString>>(this);
    const quint64 generation = openedGeneration_;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        polling_ = false;
        const auto [status, error] = watcher->result();
        watcher->deleteLater();
        if (generation != openedGeneration_)
            return; // another experiment was opened meanwhile
        if (status)
            emit statusChanged(status);
        else
            emit failed(error);
    });
    watcher->setFuture(QtConcurrent::run([folder = folder_.toStdString()] {
        try {
            return std::pair<StatusPtr, QString>(
                std::make_shared<const inception::ExperimentStatus>(
                    inception::readExperimentStatus(folder)),
                QString());
        } catch (const std::exception& e) {
            const auto* input = dynamic_cast<const inception::InputError*>(&e);
            return std::pair<StatusPtr, QString>(
                nullptr, QString::fromStdString(input ? input->oneLine() : e.what()));
        }
    }));
}

void ExperimentSession::start() {
    if (thread_ || folder_.isEmpty())
        return;
    control_ = std::make_shared<inception::TrainingControl>();
    inception::ExperimentRunOptions options;
    options.folder = folder_.toStdString();
    QPointer<ExperimentSession> self(this);
    thread_ = QThread::create([options, control = control_, self] {
        bool stopped = false;
        QString error;
        try {
            TrialAnnouncer announcer(self.data());
            inception::ExperimentRunner runner(options);
            stopped = runner.run(*control, announcer).stopped;
        } catch (const inception::InputError& e) {
            error = QString::fromStdString(e.oneLine());
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(self.data(), [self, stopped, error] {
            if (self)
                self->finished(stopped, error);
        });
    });
    thread_->setObjectName(QStringLiteral("experiment"));
    thread_->start();
    emit runningChanged(true);
}

void ExperimentSession::finished(bool, const QString& error) {
    thread_->wait();
    delete thread_;
    thread_ = nullptr;
    emit runningChanged(false);
    if (!error.isEmpty())
        emit failed(error);
    poll();
}

void ExperimentSession::pause() {
    if (control_ && thread_)
        control_->requestPause();
}

void ExperimentSession::resume() {
    if (control_ && thread_)
        control_->requestResume();
}

void ExperimentSession::stop() {
    if (control_ && thread_) {
        control_->requestResume();
        control_->requestCancel();
    }
}

} // namespace inception::ui
