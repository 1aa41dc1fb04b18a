// Measures nearest-neighbour search over CIFAR-10-sized feature sets, to decide whether the
// explain module searches with faiss or exactly (docs/decisions.md). Prints one line per
// method: build time, one query's time, and all queries' time.
//   inception-neighbour-bench [--base N] [--queries M] [--dims D] [--threads T]
#include "core/explain/NearestNeighbours.hpp"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

double secondsOf(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The exact search in LibTorch: |q - x|^2 = |q|^2 - 2 q.x + |x|^2 by blocks of queries, then
// top-k; the reference the neighbours of every other method are counted against.
std::vector<std::int64_t> exactSearch(const std::vector<float>& points, const float* queries,
                                      std::int64_t count, std::int64_t dims) {
    torch::NoGradGuard noGrad;
    const auto rows = torch::from_blob(const_cast<float*>(points.data()),
                                       {static_cast<std::int64_t>(points.size()) / dims, dims});
    const auto norms = rows.square().sum(1).unsqueeze(0);
    const auto all = torch::from_blob(const_cast<float*>(queries), {count, dims});
    std::vector<std::int64_t> found;
    const std::int64_t block = std::max<std::int64_t>(1, (16 << 20) / rows.size(0));
    for (std::int64_t start = 0; start < count; start += block) {
        const auto q = all.slice(0, start, std::min(count, start + block));
        const auto distances = (norms - 2.0 * q.mm(rows.t())).add_(q.square().sum(1, true));
        const auto indices =
            std::get<1>(distances.topk(inception::kExplainNeighbours, 1, false)).contiguous();
        found.insert(found.end(), indices.data_ptr<std::int64_t>(),
                     indices.data_ptr<std::int64_t>() + indices.numel());
    }
    return found;
}

// Features like a trained network's: non-negative (after ReLU and pooling), clustered.
std::vector<float> features(std::int64_t n, std::int64_t dims, std::uint64_t seed) {
    torch::manual_seed(seed);
    const auto centres = torch::rand({10, dims}) * 2;
    const auto which = torch::randint(10, {n});
    const auto x = (centres.index_select(0, which) + torch::randn({n, dims}) * 0.5).relu();
    return {x.data_ptr<float>(), x.data_ptr<float>() + x.numel()};
}

// How many of `truth`'s k neighbours `found` also returns, over all queries.
double recall(const std::vector<std::int64_t>& found, const std::vector<std::int64_t>& truth) {
    std::int64_t same = 0;
    const std::size_t k = inception::kExplainNeighbours;
    for (std::size_t q = 0; q * k < truth.size(); ++q)
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t j = 0; j < k; ++j)
                same += found[q * k + i] == truth[q * k + j] ? 1 : 0;
    return static_cast<double>(same) / static_cast<double>(truth.size());
}

void report(const char* method, double build, double one, double all, std::int64_t queries,
            double recallOfAll) {
    std::printf("%-26s build %8.3f s   1 query %8.3f ms   %lld queries %8.3f s   recall %.4f\n",
                method, build, one * 1e3, static_cast<long long>(queries), all, recallOfAll);
}

} // namespace

int main(int argc, char** argv) {
    std::int64_t base = 50000, queries = 10000, dims = 256;
    int threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const long long value = std::stoll(argv[i + 1]);
        if (flag == "--base")
            base = value;
        else if (flag == "--queries")
            queries = value;
        else if (flag == "--dims")
            dims = value;
        else if (flag == "--threads")
            threads = static_cast<int>(value);
    }
    torch::set_num_threads(threads);
    const std::size_t k = inception::kExplainNeighbours;
    const auto points = features(base, dims, 1);
    const auto asked = features(queries, dims, 2);
    std::printf("%lld base points, %lld queries, %lld dimensions, k = %zu, %d threads\n",
                static_cast<long long>(base), static_cast<long long>(queries),
                static_cast<long long>(dims), k, threads);

    std::vector<std::int64_t> truth;
    const double exactOne = secondsOf([&] { exactSearch(points, asked.data(), 1, dims); });
    const double exactAll =
        secondsOf([&] { truth = exactSearch(points, asked.data(), queries, dims); });
    report("exact (LibTorch matmul)", 0.0, exactOne, exactAll, queries, 1.0);

    std::unique_ptr<inception::NearestNeighbours> product;
    std::vector<std::int64_t> found;
    const double productBuild =
        secondsOf([&] { product = std::make_unique<inception::NearestNeighbours>(points, dims); });
    const double productOne = secondsOf([&] { product->search(asked.data(), 1); });
    const double productAll = secondsOf([&] {
        for (const auto& n : product->search(asked.data(), queries))
            found.push_back(n.index);
    });
    report("NearestNeighbours (used)", productBuild, productOne, productAll, queries,
           recall(found, truth));

    auto runFaiss = [&](const char* method, faiss::Index& index, bool train) {
        std::vector<float> distances(static_cast<std::size_t>(queries) * k);
        std::vector<faiss::Index::idx_t> labels(distances.size());
        const double build = secondsOf([&] {
            if (train)
                index.train(base, points.data());
            index.add(base, points.data());
        });
        const double one = secondsOf([&] {
            index.search(1, asked.data(), static_cast<faiss::Index::idx_t>(k), distances.data(),
                         labels.data());
        });
        const double all = secondsOf([&] {
            index.search(queries, asked.data(), static_cast<faiss::Index::idx_t>(k),
                         distances.data(), labels.data());
        });
        report(method, build, one, all, queries,
               recall(std::vector<std::int64_t>(labels.begin(), labels.end()), truth));
    };
    faiss::IndexFlatL2 flat(dims);
    runFaiss("faiss IndexFlatL2", flat, false);
    faiss::IndexHNSWFlat hnsw(dims, 32);
    runFaiss("faiss IndexHNSWFlat M=32", hnsw, false);
    faiss::IndexFlatL2 quantizer(dims);
    faiss::IndexIVFFlat ivf(&quantizer, dims, 256);
    ivf.nprobe = 8;
    runFaiss("faiss IndexIVFFlat 256/8", ivf, true);
    return 0;
}
