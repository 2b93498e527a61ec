#include "diag/explain.hpp"

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
  }
  // Only reachable with a value cast from outside the enum.
  return "No documentation for this code.";
}

}  // namespace hlab::diag
