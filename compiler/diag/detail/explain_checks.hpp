// Long-form docs of the cross-reference codes of compiler/check (E11xx..E14xx, W11xx, W13xx);
// included by explain.cpp. One header per rule family, like the rule files themselves.
#pragma once

#include "diag/detail/explain_flux.hpp"
#include "diag/detail/explain_mesh.hpp"
#include "diag/detail/explain_network.hpp"
#include "diag/detail/explain_secrets.hpp"
