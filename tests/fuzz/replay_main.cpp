// Replays fuzz inputs without libFuzzer: every file named on the command line, or found in a
// directory named there, goes once through the target's LLVMFuzzerTestOneInput. Built with
// the normal compiler so that CTest covers the seed corpora and every crash ever found
// (tests/fuzz/regressions/<target>/) on each run. A broken invariant aborts the process.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

/// Inputs under `path` (a file, or a directory's regular files, by name), skipping hidden
/// files and README.md.
std::vector<fs::path> inputs_of(const fs::path& path) {
    std::vector<fs::path> out;
    if (!fs::is_directory(path)) {
        out.push_back(path);
        return out;
    }
    for (const auto& entry : fs::directory_iterator(path)) {
        const auto name = entry.path().filename().string();
        if (entry.is_regular_file() && !name.starts_with(".") && name != "README.md")
            out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        if (!fs::exists(argv[i]))
            continue; // a target without regressions yet
        for (const auto& file : inputs_of(argv[i])) {
            std::ifstream in(file, std::ios::binary);
            const std::string bytes{std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>()};
            if (!in && !in.eof()) {
                std::cerr << file.string() << ": cannot be read\n";
                return 1;
            }
            std::cerr << "replay " << file.string() << " (" << bytes.size() << " bytes)\n";
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                   bytes.size());
            ++replayed;
        }
    }
    std::cout << "replayed " << replayed << " inputs\n";
    return 0;
}
