// inception-cli end to end: the real binary, its outputs, files and exit codes.
#include "core/runs/RunDirectory.hpp"
#include "core/training/Checkpoint.hpp"
#include "tests/support/CliProcess.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace inception {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::TemporaryFolder;

using Outcome = test::CliOutcome;
using test::Cli;

using test::contains;

fs::path onlyRun(const fs::path& runs) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(runs))
        found.push_back(entry.path());
    EXPECT_EQ(found.size(), 1u);
    return found.empty() ? fs::path() : found.front();
}

TEST(CliTest, SummaryPrintsTheSeedTotals) {
    Cli cli;
    const auto o = cli.run({"summary", "--model", "seed"});
    EXPECT_EQ(o.exitCode, 0) << o.err;
    EXPECT_TRUE(contains(o.out, "592,714 parameters, 39,479,808 multiply-accumulates")) << o.out;
    EXPECT_TRUE(contains(o.out, "inception2.2.feature3_3.2"));
    const auto j = cli.run({"summary", "--json"});
    EXPECT_EQ(json::parse(j.out)["parameters"], 592714);
    EXPECT_EQ(json::parse(j.out)["macs"], 39479808);
}

TEST(CliTest, BadSpecIsOneLineAndExitThree) {
    Cli cli;
    const fs::path spec = cli.folder() / "bad.json";
    test::writeFile(spec, R"({"units": [{"out1x1": 8, "reduce3x3": 0, "out3x3": 8,
                            "reduce5x5": 8, "out5x5": 8, "pool_proj": 8}]})");
    const auto o = cli.run({"summary", "--model", spec.string()});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_EQ(o.err,
              "error: " + spec.string() + ": units[0].reduce3x3: must be at least 1, got 0\n");
}

TEST(CliTest, UsageErrorsExitTwo) {
    Cli cli;
    EXPECT_EQ(cli.run({"train"}).exitCode, 2);
    EXPECT_EQ(cli.run({"frobnicate"}).exitCode, 2);
    EXPECT_EQ(cli.run({"train", "--data", "synthetic:2", "--epochs", "many"}).exitCode, 2);
    const auto o = cli.run({"train", "--data", "synthetic:2", "--optimizer", "rmsprop"});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(contains(o.err, "error: --optimizer: unknown optimizer 'rmsprop'")) << o.err;
}

TEST(CliTest, DataInfoDescribesAndRejects) {
    Cli cli;
    const auto o = cli.run({"data-info", "--data", "synthetic:5", "--json"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const json info = json::parse(o.out);
    EXPECT_EQ(info["train_count"], 50);
    EXPECT_EQ(info["class_names"].size(), 10u);

    const fs::path folder = test::writeCifarFolder(cli.folder().path(), 2);
    fs::resize_file(folder / "data_batch_2.bin", 3000);
    const auto bad = cli.run({"data-info", "--data", "cifar10:" + folder.string()});
    EXPECT_EQ(bad.exitCode, 3);
    EXPECT_TRUE(contains(bad.err, "data_batch_2.bin: size 3000 bytes")) << bad.err;
    EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1);
}

TEST(CliTest, TrainWritesARunAndEvalAgreesWithIt) {
    Cli cli;
    const fs::path runs = cli.folder() / "runs";
    const auto o = cli.run({"train", "--data", "synthetic:10", "--model", "tiny", "--epochs", "2",
                            "--batch-size", "25", "--threads", "2", "--out", runs.string()});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_TRUE(contains(o.out, "Epoch [ 2 /2 ]  Batch [ 4 / 4 ]  Loss: ")) << o.out;
    EXPECT_TRUE(contains(o.out, "Test accuracy: ")) << o.out;
    EXPECT_TRUE(contains(o.out, "rows: true class, columns: predicted class"));

    const fs::path run = onlyRun(runs);
    const RunRecord record = readRun(run.string());
    EXPECT_EQ(record.status, RunStatus::Finished);
    ASSERT_EQ(record.epochs.size(), 2u);

    const auto eval = cli.run({"eval", "--checkpoint", (run / "checkpoints/last.ckpt").string(),
                               "--data", "synthetic:10", "--json"});
    ASSERT_EQ(eval.exitCode, 0) << eval.err;
    const json result = json::parse(eval.out);
    EXPECT_DOUBLE_EQ(result["accuracy"].get<double>(), record.epochs.back().testAccuracy);
    EXPECT_EQ(result["per_class"].size(), 10u);
}

// An image folder of two classes (dark and bright 8x8 PNGs) with a text file among them.
fs::path writeImageFolder(const fs::path& root) {
    for (const char* split : {"train", "test"})
        for (int label = 0; label < 2; ++label)
            for (int i = 0; i < 12; ++i) {
                const fs::path file =
                    root / split / (label == 0 ? "dark" : "bright") / (std::to_string(i) + ".png");
                fs::create_directories(file.parent_path());
                const int value = label == 0 ? 20 + i : 220 - i;
                cv::imwrite(file.string(), cv::Mat(8, 8, CV_8UC3, cv::Scalar::all(value)));
            }
    test::writeFile(root / "train" / "dark" / "README.txt", "about these images");
    return root;
}

TEST(CliTest, TrainsOnAnImageFolderWithAugmentationAndNormalisation) {
    Cli cli;
    setenv("INCEPTION_CACHE_DIR", (cli.folder() / "cache").c_str(), 1);
    const fs::path images = writeImageFolder(cli.folder() / "images");
    const fs::path runs = cli.folder() / "runs";
    const auto o = cli.run({"train", "--data", "folder:" + images.string(), "--model", "tiny",
                            "--epochs", "1", "--batch-size", "8", "--threads", "2", "--augment",
                            "--crop-padding", "2", "--normalize", "--out", runs.string()});
    unsetenv("INCEPTION_CACHE_DIR");
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_TRUE(contains(o.out, "README.txt: skipped, not a PNG, JPEG or BMP file")) << o.out;
    const RunRecord record = readRun(onlyRun(runs).string());
    EXPECT_EQ(record.config.augmentation.cropPadding, 2);
    EXPECT_TRUE(record.config.augmentation.horizontalFlip);
    EXPECT_TRUE(record.config.augmentation.normalize);
    // Decoded at the tiny model's 32 x 32; the mean of dark and bright grey, in every channel.
    EXPECT_EQ(record.dataset.height, 32);
    ASSERT_EQ(record.spec.input.mean.size(), 3u);
    EXPECT_NEAR(record.spec.input.mean[0], (20 + 5.5 + 220 - 5.5) / 2 / 255.0, 1e-3);
    EXPECT_GT(record.spec.input.std[2], 0.3);
}

TEST(CliTest, EvalRejectsADamagedCheckpoint) {
    Cli cli;
    test::writeFile(cli.folder() / "x.ckpt", "not a checkpoint");
    auto o = cli.run(
        {"eval", "--checkpoint", (cli.folder() / "x.ckpt").string(), "--data", "synthetic:2"});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(contains(o.err, "x.ckpt: is not a readable checkpoint")) << o.err;
}

TEST(CliTest, ExportImportAndEvalOfAStateDictAgree) {
    Cli cli;
    const fs::path runs = cli.folder() / "runs";
    ASSERT_EQ(cli.run({"train", "--data", "synthetic:4", "--model", "tiny", "--epochs", "1",
                       "--threads", "2", "--out", runs.string()})
                  .exitCode,
              0);
    const fs::path best = onlyRun(runs) / "checkpoints/best.ckpt";
    for (const std::string format : {"pytorch", "onnx", "libtorch"}) {
        const fs::path out = cli.folder() / ("model." + format);
        const auto o = cli.run(
            {"export", "--checkpoint", best.string(), "--format", format, "--out", out.string()});
        ASSERT_EQ(o.exitCode, 0) << o.err;
        EXPECT_TRUE(fs::is_regular_file(out)) << format;
        EXPECT_EQ(json::parse(test::readFile(out.string() + ".json"))["file"],
                  out.filename().string());
    }
    const auto bad = cli.run({"export", "--checkpoint", best.string(), "--format", "keras", "--out",
                              (cli.folder() / "m.h5").string()});
    EXPECT_EQ(bad.exitCode, 3);
    EXPECT_EQ(bad.err, "error: --format: 'keras' is not one of pytorch, onnx, libtorch\n");

    const std::string weights = (cli.folder() / "model.pytorch").string();
    const auto fromCheckpoint =
        cli.run({"eval", "--checkpoint", best.string(), "--data", "synthetic:4", "--json"});
    const auto fromStateDict = cli.run(
        {"eval", "--state-dict", weights, "--model", "tiny", "--data", "synthetic:4", "--json"});
    ASSERT_EQ(fromStateDict.exitCode, 0) << fromStateDict.err;
    EXPECT_EQ(json::parse(fromStateDict.out)["accuracy"],
              json::parse(fromCheckpoint.out)["accuracy"]);

    const fs::path imported = cli.folder() / "imported.ckpt";
    auto o =
        cli.run({"import", "--state-dict", weights, "--model", "tiny", "--out", imported.string()});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    o = cli.run({"import", "--state-dict", weights, "--model", "tiny", "--data", "synthetic:4",
                 "--runs", (cli.folder() / "imports").string(), "--name", "brought-in"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_TRUE(contains(o.out, "-brought-in")) << o.out;
    const RunRecord record = readRun(onlyRun(cli.folder() / "imports").string());
    ASSERT_EQ(record.epochs.size(), 1u);
    EXPECT_EQ(record.epochs[0].testAccuracy, json::parse(fromCheckpoint.out)["accuracy"]);

    o = cli.run({"import", "--state-dict", weights, "--model", "seed", "--out",
                 (cli.folder() / "seed.ckpt").string()});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(contains(o.err, "error: " + weights + ": tensor conv1.0.weight has shape ["))
        << o.err;
    EXPECT_EQ(cli.run({"import", "--state-dict", weights}).exitCode, 3)
        << "neither --out nor --data";
    EXPECT_EQ(cli.run({"eval", "--data", "synthetic:2"}).exitCode, 2) << "no weights";
}

TEST(CliTest, DivergedRunExitsFourAndSaysWhere) {
    Cli cli;
    const auto o = cli.run({"train", "--data", "synthetic:3", "--optimizer", "sgd", "--lr", "10",
                            "--momentum", "0.99", "--batch-size", "10", "--epochs", "5", "--out",
                            (cli.folder() / "runs").string()});
    EXPECT_EQ(o.exitCode, 4) << o.err;
    EXPECT_TRUE(contains(o.err, "error: training diverged: the loss is")) << o.err;
    EXPECT_EQ(readRun(onlyRun(cli.folder() / "runs").string()).status, RunStatus::Failed);
}

TEST(CliTest, CtrlCSavesACheckpointExitsOneThirtyAndResumes) {
    Cli cli;
    const fs::path runs = cli.folder() / "runs";
    const auto o =
        cli.run({"train", "--data", "synthetic:100", "--model", "tiny", "--epochs", "1000",
                 "--batch-size", "20", "--log-interval", "1", "--out", runs.string()},
                [](pid_t pid, const fs::path& out) {
                    // Interrupt once training has visibly started.
                    for (int i = 0; i < 600; ++i) {
                        if (contains(test::readFile(out), "Batch [ 3 "))
                            break;
                        std::this_thread::sleep_for(std::chrono::milliseconds(50));
                    }
                    kill(pid, SIGINT);
                });
    ASSERT_EQ(o.exitCode, 130) << o.err;
    EXPECT_TRUE(contains(o.err, "interrupted: checkpoint saved to ")) << o.err;
    const fs::path run = onlyRun(runs);
    EXPECT_EQ(readRun(run.string()).status, RunStatus::Stopped);
    const fs::path checkpoint = run / "checkpoints/last.ckpt";
    ASSERT_TRUE(fs::exists(checkpoint));
    const int stoppedIn = CheckpointReader(checkpoint.string()).meta().epochsCompleted + 1;

    const auto resumed = cli.run({"train", "--data", "synthetic:100", "--resume",
                                  checkpoint.string(), "--epochs", std::to_string(stoppedIn)});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    EXPECT_TRUE(contains(resumed.out, "Resuming at epoch " + std::to_string(stoppedIn)))
        << resumed.out;
    const RunRecord record = readRun(run.string());
    EXPECT_EQ(record.status, RunStatus::Finished);
    EXPECT_EQ(static_cast<int>(record.epochs.size()), stoppedIn);
}

TEST(CliTest, BenchPrintsFigures) {
    Cli cli;
    const auto o =
        cli.run({"bench", "--data", "synthetic:30", "--model", "tiny", "--batches", "1", "--json"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const json figures = json::parse(o.out);
    EXPECT_GT(figures["train_images_per_second"].get<double>(), 0.0);
    EXPECT_GT(figures["eval_images_per_second"].get<double>(), 0.0);
    EXPECT_GT(figures["peak_memory_mib"].get<double>(), 0.0);
    EXPECT_GE(figures["threads"].get<int>(), 1);
    EXPECT_EQ(figures["precision"], "float32");
    EXPECT_EQ(figures["batch_size"], 256);
    EXPECT_GT(figures["matmul_peak_gflops"].get<double>(), 0.0);
    // GFLOP/s follow from the images/s and the model's analysed cost.
    const double macs = json::parse(cli.run({"summary", "--model", "tiny", "--json"}).out)["macs"];
    EXPECT_NEAR(figures["train_gflops"].get<double>(),
                6.0 * macs * figures["train_images_per_second"].get<double>() / 1e9, 1e-6);
    EXPECT_NEAR(figures["eval_gflops"].get<double>(),
                2.0 * macs * figures["eval_images_per_second"].get<double>() / 1e9, 1e-6);
    // The phases make up the step (the rest is the loop and zero_grad).
    double phases = 0.0;
    for (const char* phase : {"train_data_share", "train_forward_share", "train_backward_share",
                              "train_optimizer_share"}) {
        EXPECT_GT(figures[phase].get<double>(), 0.0) << phase;
        phases += figures[phase].get<double>();
    }
    EXPECT_GT(phases, 0.8);
    EXPECT_LE(phases, 1.0 + 1e-9);
    EXPECT_TRUE(figures["train_augmented_images_per_second"].is_null());

    EXPECT_TRUE(figures["layers"].empty());

    const auto augmented = cli.run({"bench", "--data", "synthetic:30", "--model", "tiny",
                                    "--batches", "1", "--augment", "--profile"});
    ASSERT_EQ(augmented.exitCode, 0) << augmented.err;
    EXPECT_TRUE(contains(augmented.out, "train augmented ")) << augmented.out;
    EXPECT_TRUE(contains(augmented.out, "  local response norm (5)")) << augmented.out;
    EXPECT_TRUE(contains(augmented.out, "unit 2 ")) << augmented.out;
}

TEST(CliTest, BenchTimesTheBatchSizeAndPrecisionAskedFor) {
    Cli cli;
    const auto common = std::vector<std::string>{
        "bench",     "--data", "synthetic:10", "--model",     "tiny", "--batches", "1",
        "--threads", "2",      "--json",       "--batch-size"};
    auto args = common;
    args.insert(args.end(), {"16", "--precision", "bfloat16"});
    const auto o = cli.run(args);
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const json figures = json::parse(o.out);
    EXPECT_EQ(figures["precision"], "bfloat16");
    EXPECT_EQ(figures["batch_size"], 16);
    EXPECT_GT(figures["train_images_per_second"].get<double>(), 0.0);
    EXPECT_GT(figures["eval_images_per_second"].get<double>(), 0.0);

    args = common;
    args.insert(args.end(), {"8", "--precision", "half"});
    const auto bad = cli.run(args);
    EXPECT_EQ(bad.exitCode, 3);
    EXPECT_EQ(bad.err, "error: --precision: unknown precision 'half' (float32, bfloat16, auto)\n");
}

TEST(RecipeCliTest, FlagsOverrideTheRecipeAndTheRunRecordsBoth) {
    Cli cli;
    const fs::path runs = cli.folder() / "runs";
    const auto o = cli.run({"train", "--recipe", "fast", "--data", "synthetic:6", "--model", "tiny",
                            "--epochs", "2", "--batch-size", "20", "--lr", "0.05", "--precision",
                            "float32", "--threads", "2", "--out", runs.string()});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_TRUE(contains(o.out, "Recipe fast; float32 arithmetic (asked for)")) << o.out;
    const json info = json::parse(test::readFile(onlyRun(runs) / "run.json"));
    const json& config = info["config"];
    EXPECT_EQ(config["recipe"], "fast");
    EXPECT_EQ(config["lr"], 0.05);         // given
    EXPECT_EQ(config["batch_size"], 20);   // given
    EXPECT_EQ(config["optimizer"], "sgd"); // the recipe's
    EXPECT_EQ(config["nesterov"], true);
    EXPECT_EQ(config["ema"], 0.99);
    EXPECT_EQ(config["tta"], "flip");
    EXPECT_EQ(config["schedule"], "linear");
    EXPECT_EQ(config["decay_norm_and_bias"], false);
    EXPECT_EQ(config["augmentation"]["crop_padding"], 4);
    EXPECT_EQ(info["precision"]["used"], "float32");
    EXPECT_FALSE(info["cpu"].get<std::string>().empty());
    // The recipe's structure on the given widths.
    EXPECT_EQ(info["spec"]["batch_norm"], true);
    EXPECT_EQ(info["spec"]["stem"]["kernel"], 3);
    EXPECT_EQ(info["spec"]["units"][0]["pool_after"], true);
    EXPECT_EQ(info["spec"]["units"][0]["out1x1"], tinySpec().units[0].out1x1);

    const auto bad = cli.run({"train", "--recipe", "slow", "--data", "synthetic:2"});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(contains(bad.err, "--recipe: unknown recipe 'slow' (notebook, fast)")) << bad.err;
}

TEST(RecipeCliTest, AutoPrecisionAndTimeToTargetGoIntoTheRun) {
    Cli cli;
    const fs::path runs = cli.folder() / "runs";
    const auto o =
        cli.run({"train", "--data", "synthetic:10", "--model", "tiny", "--epochs", "6",
                 "--batch-size", "25", "--threads", "2", "--precision", "auto", "--target-accuracy",
                 "0.15", "--stop-at-target", "--out", runs.string()});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_TRUE(contains(o.out, "Reached the target 15.00% test accuracy at epoch")) << o.out;
    const fs::path run = onlyRun(runs);
    const json info = json::parse(test::readFile(run / "run.json"));
    EXPECT_EQ(info["config"]["precision"], "auto");
    const std::string used = info["precision"]["used"];
    EXPECT_TRUE(used == "float32" || used == "bfloat16");
    EXPECT_TRUE(contains(info["precision"]["reason"].get<std::string>(), "auto: ")) << info;
    const json& target = info["time_to_target"];
    ASSERT_EQ(target["reached"], true) << info;
    const RunRecord record = readRun(run.string());
    // It stopped at the epoch that reached the target, and says when that was.
    EXPECT_EQ(target["epoch"].get<int>(), static_cast<int>(record.epochs.size()));
    EXPECT_GE(record.epochs.back().testAccuracy, 0.15);
    EXPECT_DOUBLE_EQ(target["seconds"].get<double>(), record.epochs.back().elapsedSeconds);
    EXPECT_EQ(target["cpu"], info["cpu"]);
    // The resumed run keeps the choice made when it started.
    const CheckpointReader reader((run / "checkpoints/last.ckpt").string());
    EXPECT_EQ(toString(reader.meta().precision.precision), used);
}

TEST(RecipeCliTest, LrFindPrintsTheCurveAndASuggestion) {
    Cli cli;
    const fs::path csv = cli.folder() / "curve.csv";
    const auto o = cli.run({"lr-find",    "--recipe", "fast",         "--data",   "synthetic:10",
                            "--model",    "tiny",     "--batch-size", "25",       "--precision",
                            "float32",    "--steps",  "30",           "--min-lr", "1e-4",
                            "--max-lr",   "100",      "--threads",    "2",        "--csv",
                            csv.string(), "--json"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const json curve = json::parse(o.out);
    ASSERT_GE(curve["points"].size(), 10u);
    EXPECT_EQ(curve["points"][0]["rate"], 1e-4);
    ASSERT_TRUE(curve["suggested_rate"].is_number()) << curve;
    EXPECT_GT(curve["suggested_rate"].get<double>(), 1e-4);
    EXPECT_LT(curve["suggested_rate"].get<double>(), 100.0);
    EXPECT_TRUE(contains(test::readFile(csv), "rate,loss,smoothed_loss\n"));
}

TEST(RecipeCliTest, EvalUsesTheRunsTestTimeAugmentationUnlessTold) {
    Cli cli;
    const fs::path runs = cli.folder() / "runs";
    ASSERT_EQ(
        cli.run({"train", "--data", "synthetic:10", "--model", "tiny", "--epochs", "1",
                 "--batch-size", "25", "--threads", "2", "--tta", "flip", "--out", runs.string()})
            .exitCode,
        0);
    const fs::path run = onlyRun(runs);
    const RunRecord record = readRun(run.string());
    const std::string checkpoint = (run / "checkpoints/last.ckpt").string();
    auto evalLoss = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"eval",   "--checkpoint", checkpoint,
                                         "--data", "synthetic:10", "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto o = cli.run(args);
        EXPECT_EQ(o.exitCode, 0) << o.err;
        return json::parse(o.out)["loss"].get<double>();
    };
    const double asTrained = evalLoss({});
    EXPECT_NEAR(asTrained, record.epochs.back().testLoss, 1e-6);
    EXPECT_NEAR(evalLoss({"--tta", "flip"}), asTrained, 1e-9);
    EXPECT_GT(std::abs(evalLoss({"--tta", "none"}) - asTrained), 1e-6);
}

} // namespace
} // namespace inception
