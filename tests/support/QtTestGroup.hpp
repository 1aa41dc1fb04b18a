#pragma once

#include <QObject>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace inception::test {

// Qt Test classes compiled into one executable (inception_add_qt_test_group): each source
// registers its class, and QtTestGroupMain.cpp runs them all, one QTest::qExec each. One
// executable instead of one per class keeps the links (each pulls in LibTorch) few.
using QtTestFactory = std::function<std::unique_ptr<QObject>()>;
std::vector<std::pair<const char*, QtTestFactory>>& qtTestGroup();

struct QtTestRegistration {
    QtTestRegistration(const char* name, QtTestFactory make) {
        qtTestGroup().emplace_back(name, std::move(make));
    }
};

} // namespace inception::test

#define INCEPTION_QT_TEST(Class)                                                                   \
    static const inception::test::QtTestRegistration registration##Class(                          \
        #Class, [] { return std::make_unique<Class>(); });
