#include "tests/support/QtTestGroup.hpp"

#include <QApplication>
#include <QTest>

#include <cstring>

namespace inception::test {

std::vector<std::pair<const char*, QtTestFactory>>& qtTestGroup() {
    static std::vector<std::pair<const char*, QtTestFactory>> group;
    return group;
}

} // namespace inception::test

// Runs every registered class, or those named by -class NAME (repeatable); other arguments
// go to each QTest::qExec.
int main(int argc, char** argv) {
    QApplication app(argc, argv);
    std::vector<const char*> chosen;
    std::vector<char*> rest = {argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-class") == 0 && i + 1 < argc)
            chosen.push_back(argv[++i]);
        else
            rest.push_back(argv[i]);
    }
    int failures = 0;
    for (const auto& [name, make] : inception::test::qtTestGroup()) {
        if (!chosen.empty() &&
            std::none_of(chosen.begin(), chosen.end(),
                         [name = name](const char* c) { return std::strcmp(c, name) == 0; }))
            continue;
        const auto test = make();
        failures += QTest::qExec(test.get(), static_cast<int>(rest.size()), rest.data());
    }
    return failures == 0 ? 0 : 1;
}
