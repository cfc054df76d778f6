// Numbers from RFC 2865 (packet layout, codes, attributes), RFC 3579 and RFC 5997.

export const HEADER_LENGTH = 20;
/** RFC 2865 section 3: a packet is at most 4096 octets. */
export const MAX_PACKET_LENGTH = 4096;
export const AUTHENTICATOR_LENGTH = 16;
/** RFC 2865 section 5.2: User-Password is at most 128 octets once padded. */
export const MAX_USER_PASSWORD_LENGTH = 128;

export const Code = {
  accessRequest: 1,
  accessAccept: 2,
  accessReject: 3,
  accessChallenge: 11,
  statusServer: 12,
} as const;

export type ResponseCode = typeof Code.accessAccept | typeof Code.accessReject;

export const Attr = {
  userName: 1,
  userPassword: 2,
  chapPassword: 3,
  nasIpAddress: 4,
  replyMessage: 18,
  state: 24,
  proxyState: 33,
  vendorSpecific: 26,
  nasIdentifier: 32,
  chapChallenge: 60,
  eapMessage: 79,
  messageAuthenticator: 80,
} as const;

/** Microsoft's vendor number: its Vendor-Specific attributes carry MS-CHAP v1 and v2. */
export const VENDOR_MICROSOFT = 311;

export const MESSAGE_AUTHENTICATOR_LENGTH = 18;
