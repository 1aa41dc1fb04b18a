#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"
#include "core/training/TrainingControl.hpp"
#include "core/training/TrainingEvents.hpp"

#include <memory>
#include <optional>
#include <string>

namespace inception {

struct Dataset;
class Communicator;

// Trains a GoogLeNet on a dataset, epoch by epoch, reporting to observers on the calling
// thread. Torch stays behind the pimpl: front ends see only value types.
class Trainer {
public:
    // Builds and initialises the model (seeded), the optimizer and the thread pool.
    // Throws InputError when spec, settings and data do not fit together.
    Trainer(const ModelSpec& spec, const TrainingConfig& config,
            std::shared_ptr<const Dataset> data);
    // Continues the run saved in `checkpoint` on the same data, up to `epochs` if given.
    static std::unique_ptr<Trainer> resume(const std::string& checkpoint,
                                           std::shared_ptr<const Dataset> data,
                                           std::optional<int> epochs = std::nullopt);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    void addObserver(TrainingObserver* observer);
    // Where last.ckpt and best.ckpt go at every epoch end and on a stop; none when empty.
    void setCheckpointDirectory(const std::string& folder);

    // Makes this trainer one rank of a data-parallel run, before run(): every rank must hold
    // the same spec, settings, data and position (checked; InputError names the rank that
    // differs), rank 0's weights are copied to all, and from then on each rank trains on its
    // part of every batch with gradients summed over the ranks. `checkReplicas` compares a hash
    // of every rank's weights after each step and fails the run if they ever differ.
    void joinDataParallel(std::shared_ptr<Communicator> communicator, bool checkReplicas = false);

    // Trains until done, stopped through `control`, diverged or failed. Never throws for
    // what happens during training: failures come back in the outcome.
    RunOutcome run(TrainingControl& control);

    // Saves the current state (the position of the last completed batch).
    void saveCheckpoint(const std::string& path);

    const ModelSpec& spec() const;
    const TrainingConfig& config() const;
    const std::vector<EpochSummary>& history() const;
    RunDescription description() const;

private:
    struct Impl;
    explicit Trainer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The decay of the weights' moving average at global step `step` (0-based) of a run whose
// setting is `decay`: min(decay, (1 + step) / (10 + step)), as TensorFlow's
// ExponentialMovingAverage with num_updates.
double averageDecayAt(double decay, std::int64_t step);

} // namespace inception
