export { ApiError, type FieldError } from "./api-error";
export { type Language, PROBLEM_CODES, type ProblemCode } from "./codes";
export {
  isUnavailableError,
  methodNotAllowedResponse,
  onError,
  onNotFound,
  redactParams,
  validationHook,
  zodIssuesToFieldErrors,
} from "./handler";
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
