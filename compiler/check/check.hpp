// The check phase's front door: the cross-reference rules (secret flows, ClusterMesh, Flux,
// network and ingress) over the model sema produced.
#pragma once

#include "diag/diagnostic.hpp"
#include "sema/analyze.hpp"

namespace hlab::check {

// Runs every cross-reference rule over an analysed program; findings go to the sink.
void run_checks(const sema::Analysis& analysis, diag::DiagSink& sink);

}  // namespace hlab::check
