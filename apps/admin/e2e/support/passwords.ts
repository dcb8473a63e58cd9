import { hashPassword } from '../../../api/src/modules/auth/password-hasher';

/** The API's own hashing, so users inserted by tests can sign in like real ones. */
export const hashPasswordForTests = hashPassword;
