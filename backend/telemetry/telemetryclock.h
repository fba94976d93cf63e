#pragma once

// The telemetry's clock is the lab's one clock (CLOCK_MONOTONIC ms): see core/monotonicclock.h.
#include "core/monotonicclock.h"
