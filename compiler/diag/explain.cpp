#include "diag/explain.hpp"

#include "diag/detail/explain_checks.hpp"
#include "diag/detail/explain_input.hpp"
#include "diag/detail/explain_names.hpp"

namespace hlab::diag {

// A switch without a default: with -Wswitch -Werror, a code added to codes.def without docs
// here fails to compile instead of shipping an empty `hlabc explain`.
std::string_view explanation(Code code) {
  switch (code) {
    case Code::SyntaxError: return detail::kSyntaxError;
    case Code::UnterminatedString: return detail::kUnterminatedString;
    case Code::UnterminatedComment: return detail::kUnterminatedComment;
    case Code::UnbalancedBracket: return detail::kUnbalancedBracket;
    case Code::NestingTooDeep: return detail::kNestingTooDeep;
    case Code::InvalidEncoding: return detail::kInvalidEncoding;
    case Code::FileTooLarge: return detail::kFileTooLarge;
    case Code::InvalidEscape: return detail::kInvalidEscape;
    case Code::InvalidLiteral: return detail::kInvalidLiteral;
    case Code::ImportNotFound: return detail::kImportNotFound;
    case Code::ImportCycle: return detail::kImportCycle;
    case Code::NoSources: return detail::kNoSources;
    case Code::ReadError: return detail::kReadError;
    case Code::TooManyFiles: return detail::kTooManyFiles;
    case Code::UnknownName: return detail::kUnknownName;
    case Code::DuplicateDefinition: return detail::kDuplicateDefinition;
    case Code::UnknownField: return detail::kUnknownField;
    case Code::MissingField: return detail::kMissingField;
    case Code::TypeMismatch: return detail::kTypeMismatch;
    case Code::BadFormat: return detail::kBadFormat;
    case Code::OutOfRange: return detail::kOutOfRange;
    case Code::NotInEnum: return detail::kNotInEnum;
    case Code::UnknownKey: return detail::kUnknownKey;
    case Code::EvalCycle: return detail::kEvalCycle;
    case Code::ExpansionLimit: return detail::kExpansionLimit;
    case Code::BadArgument: return detail::kBadArgument;
    case Code::UnknownKind: return detail::kUnknownKind;
    case Code::SecretLiteral: return detail::kSecretLiteral;
    case Code::UnusedLet: return detail::kUnusedLet;
    case Code::PushSecretMissing: return detail::kPushSecretMissing;
    case Code::SecretTwoProducers: return detail::kSecretTwoProducers;
    case Code::VaultReadDenied: return detail::kVaultReadDenied;
    case Code::VaultWriteDenied: return detail::kVaultWriteDenied;
    case Code::SecretMountMismatch: return detail::kSecretMountMismatch;
    case Code::K8sSecretMissing: return detail::kK8sSecretMissing;
    case Code::PushPathUndeclared: return detail::kPushPathUndeclared;
    case Code::SecretUnread: return detail::kSecretUnread;
    case Code::PolicyTooBroad: return detail::kPolicyTooBroad;
    case Code::MeshStubMissing: return detail::kMeshStubMissing;
    case Code::MeshStubUnexpected: return detail::kMeshStubUnexpected;
    case Code::MeshStubMismatch: return detail::kMeshStubMismatch;
    case Code::MeshIdDuplicate: return detail::kMeshIdDuplicate;
    case Code::MeshEndpointNoPool: return detail::kMeshEndpointNoPool;
    case Code::KvstoremeshIncomplete: return detail::kKvstoremeshIncomplete;
    case Code::FluxDependsCycle: return detail::kFluxDependsCycle;
    case Code::FluxDependsUnresolvable: return detail::kFluxDependsUnresolvable;
    case Code::FluxVarUnsubstituted: return detail::kFluxVarUnsubstituted;
    case Code::HelmSourceMissing: return detail::kHelmSourceMissing;
    case Code::HelmValuesMissing: return detail::kHelmValuesMissing;
    case Code::FluxRemoteNoKubeconfig: return detail::kFluxRemoteNoKubeconfig;
    case Code::FluxVarUnused: return detail::kFluxVarUnused;
    case Code::IpCollision: return detail::kIpCollision;
    case Code::CidrOverlap: return detail::kCidrOverlap;
    case Code::HostnameOutsideZones: return detail::kHostnameOutsideZones;
    case Code::HostnameNotCovered: return detail::kHostnameNotCovered;
    case Code::RouteListenerUnknown: return detail::kRouteListenerUnknown;
    case Code::RouteGatewayElsewhere: return detail::kRouteGatewayElsewhere;
    case Code::NamespaceMissing: return detail::kNamespaceMissing;
  }
  // Only reachable with a value cast from outside the enum.
  return "No documentation for this code.";
}

}  // namespace hlab::diag
