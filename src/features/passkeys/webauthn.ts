import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { type Config, webAuthnParty } from "../../config";
import { ApiError } from "../../lib/problem";
import type { StoredPasskey } from "./passkeys.service";

export type { AuthenticationResponseJSON, RegistrationResponseJSON };

/** The user handle a passkey stores: the user id's bytes, so a discoverable login names its user. */
const userHandle = (userId: string) => new Uint8Array(new TextEncoder().encode(userId));

export function registrationOptions(
  config: Config,
  user: { id: string; fullName: string; phoneNumber: string },
  existing: { id: string; transports: string[] | null }[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const party = webAuthnParty(config);
  return generateRegistrationOptions({
    rpName: party.rpName,
    rpID: party.rpId,
    userID: userHandle(user.id),
    userName: user.phoneNumber,
    userDisplayName: user.fullName,
    attestationType: "none",
    // The same authenticator twice would only be a second name for one key.
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.id,
      transports: passkey.transports ?? undefined,
    })),
    // Discoverable: the login needs no phone number to find the account.
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
}

/** A verified new passkey, ready to store. */
export interface NewCredential {
  id: string;
  publicKey: string;
  counter: number;
  transports: string[] | null;
  deviceType: string;
  backedUp: boolean;
}

export async function verifyRegistration(
  config: Config,
  response: RegistrationResponseJSON,
  expectedChallenge: string,
): Promise<NewCredential> {
  const party = webAuthnParty(config);
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin: party.origins,
    expectedRPID: party.rpId,
    requireUserVerification: false,
  }).catch((error: unknown) => {
    throw new ApiError("PASSKEY_REJECTED", { cause: error });
  });
  if (!result.verified) throw new ApiError("PASSKEY_REJECTED");
  const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? null,
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
  };
}

/** Options for an assertion: any discoverable passkey (a login), or one of the listed ones. */
export function authenticationOptions(
  config: Config,
  allow?: { id: string; transports: string[] | null }[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: webAuthnParty(config).rpId,
    allowCredentials: allow?.map((passkey) => ({
      id: passkey.id,
      transports: (passkey.transports ?? undefined) as never,
    })),
    userVerification: "preferred",
  });
}

/**
 * Checks an assertion against the stored passkey: challenge, origin, RP ID,
 * signature and a signature counter above the stored one (unless the
 * authenticator keeps none). Returns the counter to store.
 */
export async function verifyAssertion(
  config: Config,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  passkey: StoredPasskey,
): Promise<number> {
  const party = webAuthnParty(config);
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: party.origins,
    expectedRPID: party.rpId,
    credential: {
      id: passkey.id,
      publicKey: isoBase64URL.toBuffer(passkey.publicKey),
      counter: passkey.counter,
      transports: (passkey.transports ?? undefined) as never,
    },
    requireUserVerification: false,
  }).catch((error: unknown) => {
    throw new ApiError("PASSKEY_REJECTED", { cause: error });
  });
  if (!result.verified) throw new ApiError("PASSKEY_REJECTED");
  return result.authenticationInfo.newCounter;
}

/** The user id a discoverable assertion names, if it carries a user handle. */
export function assertedUserId(response: AuthenticationResponseJSON): string | null {
  const handle = response.response.userHandle;
  if (!handle) return null;
  try {
    return new TextDecoder().decode(isoBase64URL.toBuffer(handle));
  } catch {
    return null;
  }
}
