// Which part of a RADIUS password is the code. Some NAS send the code alone, others the user's
// directory password followed by the code ("password+code"). oathdesk holds no directory
// passwords, so the prefix is NOT checked: it is cut off and ignored. Whoever deploys a NAS in
// the password+code mode must have the directory password checked elsewhere (or not rely on it).
import { normalizeCode } from '../otp/code-format.js';
import type { Digits } from '../otp/hotp.js';

/**
 * The code for a token of `digits` digits: the whole password when it is a code on its own
 * (ASCII spaces allowed, as a user may type `021 131`), otherwise its last `digits` characters.
 * A password shorter than that is passed whole, so the format check explains what is wrong.
 */
export function codeFromPassword(password: string, digits: Digits): string {
  if (normalizeCode(password, digits).ok) return password;
  if (password.length <= digits) return password;
  return password.slice(password.length - digits);
}
