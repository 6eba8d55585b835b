export { ApiError, type FieldError } from "./api-error";
export {
  LANGUAGES,
  type Language,
  PROBLEM_CODES,
  type ProblemCode,
  type ProblemStatus,
} from "./codes";
export { declaredProblems, declareProblems, matchedOperation } from "./declared";
export {
  isUnavailableError,
  methodNotAllowedResponse,
  onError,
  onNotFound,
  redactParams,
  validationHook,
  zodIssuesToFieldErrors,
} from "./handler";
export { PROBLEM_DETAILS } from "./messages";
export {
  buildProblem,
  languageOf,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  problemResponse,
} from "./response";
export {
  localizedMessage,
  VALIDATION_MESSAGES,
  type ValidationMessageKey,
  validationMessage,
} from "./validation-messages";
