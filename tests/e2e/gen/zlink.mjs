// `#z=` data exactly as `deep_review::share::encode_fragment` writes it (src/share.rs): the UTF-8
// text compressed with DEFLATE inside a zlib wrapper (RFC 1950), then base64url without padding.
import { deflateSync } from 'node:zlib';

export const zFragment = (text) =>
  `z=${deflateSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64url')}`;
