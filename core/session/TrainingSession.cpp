#include "core/session/TrainingSession.hpp"

#include "core/data/Dataset.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunRecorder.hpp"
#include "core/spec/SpecChanges.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/Trainer.hpp"

namespace inception {

TrainingSession::TrainingSession(const SessionRequest& request) {
    // Image folders are decoded at the size of the model that trains on them.
    const ModelSpec spec = request.resumeCheckpoint.empty()
                               ? request.spec
                               : CheckpointReader(request.resumeCheckpoint).meta().spec;
    auto data = std::make_shared<const Dataset>(loadDataset(request.dataSpec, inputShapeOf(spec)));
    classNames_ = data->classNames;
    dataNotes_ = data->notes;
    std::string folder;
    if (!request.resumeCheckpoint.empty()) {
        trainer_ = Trainer::resume(request.resumeCheckpoint, data, request.resumeEpochs);
        folder = runDirectoryOfCheckpoint(request.resumeCheckpoint);
    } else {
        trainer_ = std::make_unique<Trainer>(request.fitSpecToData ? fitToData(request.spec, *data)
                                                                   : request.spec,
                                             request.config, data);
    }
    if (request.communicator) {
        trainer_->joinDataParallel(request.communicator, request.checkReplicas);
        if (!request.communicator->settings().isLeader())
            return;
    }
    if (folder.empty() && !request.runFolder.empty())
        folder = createRunDirectoryAt(request.runFolder);
    if (folder.empty())
        folder = createRunDirectory(request.runsFolder, request.name.empty()
                                                            ? describedName(trainer_->spec())
                                                            : request.name);
    recorder_ = std::make_unique<RunRecorder>(folder);
    trainer_->addObserver(recorder_.get());
    trainer_->setCheckpointDirectory(recorder_->checkpointFolder());
}

TrainingSession::~TrainingSession() = default;

void TrainingSession::addObserver(TrainingObserver* observer) {
    trainer_->addObserver(observer);
}

RunOutcome TrainingSession::run(TrainingControl& control) {
    return trainer_->run(control);
}

const std::string& TrainingSession::folder() const {
    static const std::string none;
    return recorder_ ? recorder_->folder() : none;
}

const std::vector<std::string>& TrainingSession::classNames() const {
    return classNames_;
}

const Trainer& TrainingSession::trainer() const {
    return *trainer_;
}

} // namespace inception
