import { dictionary } from "@zxcvbn-ts/language-common";
import { ApiError } from "./api-error.js";

/** Shortest accepted password (NIST SP 800-63B §3.1.1.2 asks for at least 8; this platform asks 12). */
export const MIN_PASSWORD_LENGTH = 12;

let common: Set<string> | undefined;

/**
 * The 49,233 most common passwords of zxcvbn-ts's `passwords-common` list (@zxcvbn-ts/language-common,
 * built from leaked-password frequency lists), lower-cased. Loaded on first use.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/**
 * Why a new password is refused, or undefined when it is acceptable. The rules are those of NIST SP
 * 800-63B §3.1.1.2 (2024): a minimum length, no composition rules, and a check against a list of
 * commonly used or compromised values; plus no single character repeated and not the user's name.
 */
export function passwordProblem(password: string, userName?: string): string | undefined {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return `use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (chars.every((c) => c === chars[0])) return "use more than one character, repeated";
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || commonPasswords().has(lower.trim()))
    return "this is one of the most common passwords; choose another";
  if (userName && lower === userName.toLowerCase()) return "a password may not be the user name";
  return undefined;
}

/** Throws a 400 naming the field when a new password breaks a rule of {@link passwordProblem}. */
export function assertAcceptablePassword(password: string, field: string, userName?: string): void {
  const problem = passwordProblem(password, userName);
  if (problem) throw new ApiError("validation", `${field}: ${problem}`, [{ path: field, message: problem }]);
}
