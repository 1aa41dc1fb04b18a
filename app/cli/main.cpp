// inception-cli: train, evaluate and inspect SmallGoogLeNet models without a display.
#include "app/cli/CliCommands.hpp"
#include "app/cli/ExperimentCommands.hpp"
#include "app/cli/ExplainCommands.hpp"
#include "app/cli/ReportCommand.hpp"
#include "app/cli/RunsCommands.hpp"
#include "core/base/CachingCpuAllocator.hpp"
#include "core/base/InputError.hpp"
#include "core/base/TorchText.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/training/Recipe.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

using namespace inception;
using namespace inception::cli;

namespace {

const char* const kDataHelp =
    "data source: cifar10:PATH (cifar-10-batches-bin folder or cifar-10-binary.tar.gz), "
    "folder:PATH (train/<class>/, test/<class>/ images), idx:PATH (MNIST-style files) or "
    "synthetic[:N] (N images per class)";

// Options named by their text, as main's second parse re-reads them over a recipe.
struct TrainTexts {
    std::string optimizer = "adam", schedule = "constant", precision = "float32", tta = "none";
};

std::string recipeHelp() {
    std::string help = "start from a recipe's settings and structure; options given override it:";
    for (const Recipe& r : recipes())
        help += " " + r.name + " (" + r.summary + ");";
    help.back() = '.';
    return help;
}

// The options of a training step, shared by train and lr-find.
void addStepOptions(CLI::App& cmd, TrainOptions& o, TrainTexts& texts) {
    TrainingConfig& c = o.config;
    cmd.add_option("--data", o.data, kDataHelp)->required();
    cmd.add_option("--recipe", o.recipe, recipeHelp());
    cmd.add_option("--model", o.model, "model spec: a JSON file or a preset (seed, tiny, wide)")
        ->capture_default_str();
    cmd.add_option("--batch-size", c.batchSize, "images per batch")->capture_default_str();
    cmd.add_option("--optimizer", texts.optimizer, "adam, adamw or sgd")->capture_default_str();
    cmd.add_option("--weight-decay", c.weightDecay, "weight decay")->capture_default_str();
    cmd.add_flag("--decay-norm-and-bias,!--no-decay-norm-and-bias", c.decayNormAndBias,
                 "apply the weight decay to batch-norm weights and biases too (the default)");
    cmd.add_option("--momentum", c.momentum, "SGD momentum")->capture_default_str();
    cmd.add_flag("--nesterov", c.nesterov, "SGD with Nesterov momentum");
    cmd.add_option("--label-smoothing", c.labelSmoothing, "label smoothing of the loss")
        ->capture_default_str();
    cmd.add_option("--seed", c.seed, "random seed (weights, order, dropout)")
        ->capture_default_str();
    cmd.add_option("--threads", c.threads, "LibTorch threads, 0 for every core")
        ->capture_default_str();
    cmd.add_option("--precision", texts.precision,
                   "float32, bfloat16 autocast (fast only on CPUs with BF16), or auto: "
                   "bfloat16 where the CPU has AVX512_BF16 or AMX-BF16, float32 elsewhere")
        ->capture_default_str();
    // Defined before --crop-padding and --flip, whose values then override it (CLI11 runs
    // callbacks in definition order).
    cmd.add_flag_callback(
        "--augment", [&c] { c.augmentation = standardAugmentation(); },
        "random 4-pixel crops and horizontal flips (torchvision's CIFAR recipe)");
    cmd.add_option("--crop-padding", c.augmentation.cropPadding,
                   "random crops from a copy zero-padded by N pixels a side")
        ->check(CLI::Range(0, kMaxCropPadding));
    cmd.add_flag("--flip", c.augmentation.horizontalFlip, "random horizontal flips");
    cmd.add_flag("--normalize", c.augmentation.normalize,
                 "normalise by the training images' per-channel mean and standard deviation");
    cmd.add_option("--limit-train", c.limitTrain, "use only the first N training images");
}

void addTrainOptions(CLI::App& train, TrainOptions& o, TrainTexts& texts) {
    addStepOptions(train, o, texts);
    TrainingConfig& c = o.config;
    train.add_option("--epochs", c.epochs, "epochs to train (with --resume: the new total)")
        ->capture_default_str();
    train.add_option("--lr", c.learningRate, "learning rate (peak rate for onecycle)")
        ->capture_default_str();
    train
        .add_option("--schedule", texts.schedule,
                    "constant, step, cosine, onecycle or linear (warm-up, then linear decay to 0)")
        ->capture_default_str();
    train.add_option("--warmup-epochs", c.warmupEpochs,
                     "cosine and linear: epochs of linear warm-up from 0 first");
    train.add_option("--step-epochs", c.stepEpochs, "step schedule: epochs between decays")
        ->capture_default_str();
    train.add_option("--step-gamma", c.stepGamma, "step schedule: factor per decay")
        ->capture_default_str();
    train.add_option("--ema", c.emaDecay,
                     "evaluate and export a moving average of the weights with this decay per "
                     "step (0.99); 0: none");
    train.add_option("--tta", texts.tta,
                     "test-time augmentation of the evaluations: none, or flip (mean of the "
                     "image's and its mirror's logits)");
    train.add_option("--target-accuracy", c.targetAccuracy,
                     "record when the test accuracy first reaches this share (0.9), with the "
                     "wall time and the CPU");
    train.add_flag("--stop-at-target", c.stopAtTarget, "end the run when the target is reached");
    train.add_option("--patience", c.patience,
                     "end the run when the test accuracy has not improved for N epochs");
    train.add_option("--device", c.device, "cpu or cuda")->capture_default_str();
    train.add_option("--limit-test", c.limitTest, "use only the first N test images");
    train.add_option("--log-interval", c.logInterval, "batches between log lines")
        ->capture_default_str();
    train.add_option("--out", o.runsFolder, "folder that receives the run directory")
        ->capture_default_str();
    train.add_option("--name", o.name, "name of the run (default: the model's)");
    train.add_option("--resume", o.resume, "continue from a checkpoint");
    train.add_flag("--notebook-layout", o.notebookLayout,
                   "also print the confusion matrix as the notebook did (rows predicted)");
    train.add_flag("--distributed", o.distributed,
                   "one rank of a data-parallel run, from torchrun's RANK, WORLD_SIZE, "
                   "MASTER_ADDR and MASTER_PORT (on by itself when WORLD_SIZE > 1)");
    train
        .add_option("--dist-timeout", o.distributedTimeout,
                    "seconds a rank waits for the others before it gives up")
        ->capture_default_str()
        ->check(CLI::Range(1, 86400));
    train.add_flag("--check-replicas", o.checkReplicas,
                   "data-parallel: after every step, check that all ranks hold identical weights");
}

void addLrFindCommand(CLI::App& app, LrFindOptions& o, TrainTexts& texts) {
    auto* cmd = app.add_subcommand(
        "lr-find", "learning-rate range test: train a fresh model while the rate grows, print "
                   "the loss against the rate and a suggested rate");
    addStepOptions(*cmd, o.train, texts);
    cmd->add_option("--min-lr", o.sweep.minRate, "first rate")->capture_default_str();
    cmd->add_option("--max-lr", o.sweep.maxRate, "last rate")->capture_default_str();
    cmd->add_option("--steps", o.sweep.steps, "steps (batches) of the sweep")
        ->capture_default_str();
    cmd->add_option("--csv", o.csv, "also write the curve to this CSV file");
    cmd->add_flag("--json", o.json, "print JSON");
}

void addExperimentCommands(CLI::App& app, ExperimentRunCommand& run,
                           ExperimentStatusCommand& status) {
    auto* experiment = app.add_subcommand(
        "experiment", "sweep widths and settings: trials, successive halving, the Pareto front");
    experiment->require_subcommand(1);
    auto* runCmd = experiment->add_subcommand(
        "run", "run or continue an experiment (finished trials are not redone)");
    runCmd->add_option("file", run.file, "experiment file (JSON, docs/experiments.md)")->required();
    runCmd->add_option("--out", run.out, "experiment folder (default experiments/<name>)");
    runCmd->add_option("--parallel", run.parallel, "runner processes sharing the folder")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    runCmd->add_option("--trial", run.trial,
                       "run this trial only (an id, or auto: SLURM_ARRAY_TASK_ID or "
                       "JOB_COMPLETION_INDEX), waiting for the others at each rung");
    runCmd->add_option("--threads", run.threads,
                       "LibTorch threads per trial, 0 for the cores over --parallel");
    runCmd->add_option("--poll", run.pollSeconds, "seconds between looks while waiting")
        ->capture_default_str()
        ->check(CLI::Range(0.05, 3600.0));
    auto* statusCmd = experiment->add_subcommand("status", "the trials and the Pareto front");
    statusCmd->add_option("folder", status.folder, "experiment folder")->required();
    statusCmd->add_option("--cost", status.cost, "front against macs, params or speed")
        ->capture_default_str();
    statusCmd->add_flag("--json", status.json, "print JSON");
}

// Every subcommand's options, filled by CLI11.
struct Commands {
    TrainOptions train;
    TrainTexts trainTexts;
    LrFindOptions lrFind;
    TrainTexts lrFindTexts;
    EvalOptions eval;
    ExportOptions exportOptions;
    ImportOptions importOptions;
    std::string model = "seed";
    bool json = false;
    std::string data;
    BenchOptions bench;
    ExperimentRunCommand experimentRun;
    ExperimentStatusCommand experimentStatus;
    ExplainCommands explain;
    RunsCommands runs;
    ReportCommand report;
};

void addEvalCommand(CLI::App& app, EvalOptions& eval) {
    auto* evalCmd = app.add_subcommand("eval", "evaluate a checkpoint on a test set");
    auto* evalCheckpoint = evalCmd->add_option("--checkpoint", eval.checkpoint, "checkpoint file");
    auto* evalStateDict = evalCmd->add_option(
        "--state-dict", eval.stateDict, "PyTorch state_dict (torch.save) instead of a checkpoint");
    evalCmd->add_option("--model", eval.model, "with --state-dict: the weights' model spec")
        ->capture_default_str();
    evalCheckpoint->excludes(evalStateDict);
    evalCmd->add_option("--data", eval.data, kDataHelp)->required();
    evalCmd->add_option("--limit-test", eval.limitTest, "use only the first N test images");
    evalCmd->add_option("--threads", eval.threads, "LibTorch threads, 0 for every core");
    evalCmd->add_option("--tta", eval.tta,
                        "test-time augmentation: none or flip (default: the checkpoint's run's)");
    evalCmd->add_flag("--json", eval.json, "print JSON");
    evalCmd->add_flag("--notebook-layout", eval.notebookLayout, "confusion rows = predicted");
}

void addExportAndImportCommands(CLI::App& app, ExportOptions& exportOptions,
                                ImportOptions& importOptions) {
    auto* exportCmd =
        app.add_subcommand("export", "write a checkpoint's weights for PyTorch, ONNX or LibTorch");
    exportCmd->add_option("--checkpoint", exportOptions.checkpoint, "checkpoint file")->required();
    exportCmd->add_option("--format", exportOptions.format, "pytorch, onnx or libtorch")
        ->required();
    exportCmd->add_option("--out", exportOptions.out, "file to write (a .json sidecar beside it)")
        ->required();

    auto* importCmd = app.add_subcommand(
        "import", "turn a PyTorch state_dict into a checkpoint, or into a run evaluated on data");
    importCmd->add_option("--state-dict", importOptions.stateDict, "torch.save(model.state_dict())")
        ->required();
    importCmd->add_option("--model", importOptions.model, "the weights' model spec")
        ->capture_default_str();
    importCmd->add_option("--out", importOptions.out, "checkpoint file to write");
    importCmd->add_option("--data", importOptions.data,
                          std::string(kDataHelp) + ": evaluate into a new run instead");
    importCmd->add_option("--runs", importOptions.runsFolder, "with --data: the runs folder")
        ->capture_default_str();
    importCmd->add_option("--name", importOptions.name, "with --data: the run's name");
    importCmd->add_option("--threads", importOptions.threads, "LibTorch threads, 0 for every core");
}

void addBenchCommand(CLI::App& app, BenchOptions& bench) {
    auto* benchCmd = app.add_subcommand("bench", "training and evaluation images per second");
    benchCmd->add_option("--data", bench.data, std::string(kDataHelp) + " (default synthetic:300)");
    benchCmd->add_option("--model", bench.model, "model spec")->capture_default_str();
    benchCmd->add_option("--batches", bench.batches, "timed batches")->capture_default_str();
    benchCmd->add_option("--batch-size", bench.batchSize, "images per batch (over every rank)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1 << 16));
    benchCmd->add_option("--threads", bench.threads, "LibTorch threads, 0 for every core")
        ->capture_default_str();
    benchCmd
        ->add_option("--precision", bench.precision,
                     "forward passes in float32 or bfloat16 (autocast; needs BF16 instructions)")
        ->capture_default_str();
    benchCmd->add_flag("--augment", bench.augment,
                       "also time training with crops and flips, to compare");
    benchCmd->add_flag("--profile", bench.profile,
                       "also time each part of the network, forward and backward");
    benchCmd->add_flag("--json", bench.json, "print JSON");
    benchCmd->add_flag("--distributed", bench.distributed,
                       "time data-parallel training on the ranks of torchrun's environment "
                       "(scripts/launch-local N bench --distributed): images/s per rank and the "
                       "share of each step spent communicating");
    benchCmd
        ->add_option("--dist-timeout", bench.distributedTimeout,
                     "seconds a rank waits for the others before it gives up")
        ->capture_default_str()
        ->check(CLI::Range(1, 86400));
}

void addCommands(CLI::App& app, Commands& c) {
    addTrainOptions(*app.add_subcommand("train", "train a model, writing a run directory"), c.train,
                    c.trainTexts);
    addLrFindCommand(app, c.lrFind, c.lrFindTexts);
    addEvalCommand(app, c.eval);
    addExportAndImportCommands(app, c.exportOptions, c.importOptions);
    addExperimentCommands(app, c.experimentRun, c.experimentStatus);
    addExplainCommands(app, c.explain);
    addRunsCommands(app, c.runs);
    addReportCommand(app, c.report);

    auto* summaryCmd = app.add_subcommand("summary", "layer table: shapes, parameters, MACs");
    summaryCmd->add_option("--model", c.model, "model spec: a JSON file or a preset")
        ->capture_default_str();
    summaryCmd->add_flag("--json", c.json, "print JSON");

    addBenchCommand(app, c.bench);

    auto* infoCmd = app.add_subcommand("data-info", "describe a data set");
    infoCmd->add_option("--data", c.data, kDataHelp)->required();
    infoCmd->add_flag("--json", c.json, "print JSON");
}

void readTexts(const TrainTexts& texts, TrainingConfig& c) {
    c.optimizer = parseOptimizer(texts.optimizer, "--optimizer");
    c.schedule = parseSchedule(texts.schedule, "--schedule");
    c.precision = parsePrecision(texts.precision, "--precision");
    c.tta = parseTestTimeAugmentation(texts.tta, "--tta");
}

// Starts `options` from the recipe it names; the options given then override it when the
// command line is parsed again.
void startFromRecipe(TrainOptions& options, TrainTexts& texts) {
    if (options.recipe.empty())
        return;
    const Recipe recipe = recipeNamed(options.recipe, "--recipe");
    options.config = recipe.config;
    texts.optimizer = toString(recipe.config.optimizer);
    texts.schedule = toString(recipe.config.schedule);
    texts.precision = toString(recipe.config.precision);
    texts.tta = toString(recipe.config.tta);
}

// Runs the subcommand CLI11 parsed; throws what the commands throw.
int runChosen(const CLI::App& app, Commands& c) {
    if (app.got_subcommand("train")) {
        readTexts(c.trainTexts, c.train.config);
        c.train.epochsGiven = app.get_subcommand("train")->count("--epochs") > 0;
        requireValid(c.train.config);
        return runTrain(c.train);
    }
    if (app.got_subcommand("lr-find")) {
        readTexts(c.lrFindTexts, c.lrFind.train.config);
        requireValid(c.lrFind.train.config);
        return runLrFind(c.lrFind);
    }
    if (app.got_subcommand("eval")) {
        if (c.eval.checkpoint.empty() && c.eval.stateDict.empty()) {
            std::cerr << "error: eval: give --checkpoint FILE or --state-dict FILE\n";
            return kExitUsage;
        }
        return runEval(c.eval);
    }
    if (app.got_subcommand("export"))
        return runExport(c.exportOptions);
    if (app.got_subcommand("import"))
        return runImport(c.importOptions);
    if (app.got_subcommand("summary"))
        return runSummary(c.model, c.json);
    if (app.got_subcommand("bench"))
        return runBench(c.bench);
    if (app.got_subcommand("data-info"))
        return runDataInfo(c.data, c.json);
    if (const int explained = runExplainCommand(app, c.explain); explained >= 0)
        return explained;
    if (const int runs = runRunsCommand(app, c.runs); runs >= 0)
        return runs;
    if (const int reported = runReportCommand(app, c.report); reported >= 0)
        return reported;
    if (app.got_subcommand("experiment")) {
        const auto* experiment = app.get_subcommand("experiment");
        if (experiment->got_subcommand("run"))
            return runExperiment(c.experimentRun);
        return runExperimentStatus(c.experimentStatus);
    }
    return kExitUsage;
}

} // namespace

int main(int argc, char** argv) {
    installCachingCpuAllocator();
    CLI::App app{"inception-cli: train and inspect Inception (GoogLeNet v1) CIFAR-10 models"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("inception-cli ") + INCEPTION_VERSION);
    Commands commands;
    addCommands(app, commands);
    try {
        app.parse(argc, argv);
        if (!commands.train.recipe.empty() || !commands.lrFind.train.recipe.empty()) {
            startFromRecipe(commands.train, commands.trainTexts);
            startFromRecipe(commands.lrFind.train, commands.lrFindTexts);
            app.parse(argc, argv);
        }
    } catch (const InputError& e) {
        std::cerr << "error: " << e.oneLine() << '\n';
        return kExitUsage;
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "error: " << printableLine(e.what()) << " (see inception-cli --help)\n";
        return kExitUsage;
    }

    try {
        return runChosen(app, commands);
    } catch (const InputError& e) {
        std::cerr << "error: " << e.oneLine() << '\n';
        return kExitBadInput;
    } catch (const DistributedError& e) {
        std::cerr << "error: " << printableLine(e.what()) << '\n';
        return kExitDistributed;
    } catch (const c10::Error& e) {
        std::cerr << "error: libtorch: " << printableLine(firstLineOf(e)) << '\n';
        return kExitFailure;
    } catch (const std::exception& e) {
        std::cerr << "error: " << printableLine(e.what()) << '\n';
        return kExitFailure;
    }
}
