#pragma once

#include "core/model/Precision.hpp"

#include <ATen/autocast_mode.h>

namespace inception {

// Turns LibTorch's CPU autocast on for this thread in bfloat16 while it lives, and restores
// what was there before.
class AutocastScope {
public:
    explicit AutocastScope(Precision precision)
        : enabled_(at::autocast::is_cpu_enabled()), dtype_(at::autocast::get_autocast_cpu_dtype()) {
        if (precision == Precision::BFloat16) {
            at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
            at::autocast::set_cpu_enabled(true);
        }
    }
    ~AutocastScope() {
        at::autocast::set_cpu_enabled(enabled_);
        at::autocast::set_autocast_cpu_dtype(dtype_);
        at::autocast::clear_cache();
    }
    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    bool enabled_;
    at::ScalarType dtype_;
};

} // namespace inception
