/* Generated vectors for test_digest_internal; provenance in each comment. */
/* Hash known answers: FIPS 180 / RFC 6234 section 8.5 messages and the RFC 1321
 * suite. Values checked against the RFC texts where they appear there (see
 * the "rfc" column); the rest were produced with Python hashlib. */
static const struct hash_kat { const mintls_hash *h; const char *msg; unsigned repeat; const char *md; } hash_kats[] = {
    {&mintls_hash_md5, "", 1, "d41d8cd98f00b204e9800998ecf8427e"}, /* md5 */
    {&mintls_hash_md5, "abc", 1, "900150983cd24fb0d6963f7d28e17f72"}, /* md5 */
    {&mintls_hash_md5, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "8215ef0796a20bcaaae116d3876c664a"}, /* md5 */
    {&mintls_hash_md5, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1, "03dd8807a93175fb062dfb55dc7d359c"}, /* md5 */
    {&mintls_hash_md5, "a", 1000000, "7707d6ae4e027c70eea2a935c2296f21"}, /* md5 */
    {&mintls_hash_md5, "0123456701234567012345670123456701234567012345670123456701234567", 10, "ffeaeb581c29c85301f6d7252808fa3d"}, /* md5 */
    {&mintls_hash_md5, "a", 1, "0cc175b9c0f1b6a831c399e269772661"}, /* md5 */
    {&mintls_hash_md5, "message digest", 1, "f96b697d7cb7938d525a2f31aaf161d0"}, /* md5 */
    {&mintls_hash_md5, "abcdefghijklmnopqrstuvwxyz", 1, "c3fcd3d76192e4007dfb496cca67e13b"}, /* md5 */
    {&mintls_hash_md5, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1, "d174ab98d277d9f5a5611c2c9f419d9f"}, /* md5 */
    {&mintls_hash_md5, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 1, "57edf4a22be3c955ac49da2e2107b67a"}, /* md5 */
    {&mintls_hash_sha1, "", 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"}, /* sha1 */
    {&mintls_hash_sha1, "abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d"}, /* sha1 rfc6234 */
    {&mintls_hash_sha1, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"}, /* sha1 rfc6234 */
    {&mintls_hash_sha1, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1, "a49b2446a02c645bf419f995b67091253a04a259"}, /* sha1 */
    {&mintls_hash_sha1, "a", 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"}, /* sha1 rfc6234 */
    {&mintls_hash_sha1, "0123456701234567012345670123456701234567012345670123456701234567", 10, "dea356a2cddd90c7a7ecedc5ebb563934f460452"}, /* sha1 rfc6234 */
    {&mintls_hash_sha1, "a", 1, "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"}, /* sha1 */
    {&mintls_hash_sha1, "message digest", 1, "c12252ceda8be8994d5fa0290a47231c1d16aae3"}, /* sha1 */
    {&mintls_hash_sha1, "abcdefghijklmnopqrstuvwxyz", 1, "32d10c7b8cf96570ca04ce37f2a19d84240d3a89"}, /* sha1 */
    {&mintls_hash_sha1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1, "761c457bf73b14d27e9e9265c46f4b4dda11f940"}, /* sha1 */
    {&mintls_hash_sha1, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 1, "50abf5706a150990a08b2c5ea40fa0e585554732"}, /* sha1 */
    {&mintls_hash_sha224, "", 1, "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f"}, /* sha224 */
    {&mintls_hash_sha224, "abc", 1, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"}, /* sha224 rfc6234 */
    {&mintls_hash_sha224, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525"}, /* sha224 rfc6234 */
    {&mintls_hash_sha224, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1, "c97ca9a559850ce97a04a96def6d99a9e0e0e2ab14e6b8df265fc0b3"}, /* sha224 */
    {&mintls_hash_sha224, "a", 1000000, "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67"}, /* sha224 rfc6234 */
    {&mintls_hash_sha224, "0123456701234567012345670123456701234567012345670123456701234567", 10, "567f69f168cd7844e65259ce658fe7aadfa25216e68eca0eb7ab8262"}, /* sha224 rfc6234 */
    {&mintls_hash_sha224, "a", 1, "abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5"}, /* sha224 */
    {&mintls_hash_sha224, "message digest", 1, "2cb21c83ae2f004de7e81c3c7019cbcb65b71ab656b22d6d0c39b8eb"}, /* sha224 */
    {&mintls_hash_sha224, "abcdefghijklmnopqrstuvwxyz", 1, "45a5f72c39c5cff2522eb3429799e49e5f44b356ef926bcf390dccc2"}, /* sha224 */
    {&mintls_hash_sha224, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1, "bff72b4fcb7d75e5632900ac5f90d219e05e97a7bde72e740db393d9"}, /* sha224 */
    {&mintls_hash_sha224, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 1, "b50aecbe4e9bb0b57bc5f3ae760a8e01db24f203fb3cdcd13148046e"}, /* sha224 */
    {&mintls_hash_sha256, "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}, /* sha256 */
    {&mintls_hash_sha256, "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}, /* sha256 rfc6234 */
    {&mintls_hash_sha256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"}, /* sha256 rfc6234 */
    {&mintls_hash_sha256, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"}, /* sha256 */
    {&mintls_hash_sha256, "a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"}, /* sha256 rfc6234 */
    {&mintls_hash_sha256, "0123456701234567012345670123456701234567012345670123456701234567", 10, "594847328451bdfa85056225462cc1d867d877fb388df0ce35f25ab5562bfbb5"}, /* sha256 rfc6234 */
    {&mintls_hash_sha256, "a", 1, "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"}, /* sha256 */
    {&mintls_hash_sha256, "message digest", 1, "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650"}, /* sha256 */
    {&mintls_hash_sha256, "abcdefghijklmnopqrstuvwxyz", 1, "71c480df93d6ae2f1efad1447c66c9525e316218cf51fc8d9ed832f2daf18b73"}, /* sha256 */
    {&mintls_hash_sha256, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1, "db4bfcbd4da0cd85a60c3c37d3fbd8805c77f15fc6b1fdfe614ee0a7c8fdb4c0"}, /* sha256 */
    {&mintls_hash_sha256, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 1, "f371bc4a311f2b009eef952dd83ca80e2b60026c8e935592d0f9c308453c813e"}, /* sha256 */
    {&mintls_hash_sha384, "", 1, "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"}, /* sha384 */
    {&mintls_hash_sha384, "abc", 1, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"}, /* sha384 rfc6234 */
    {&mintls_hash_sha384, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b"}, /* sha384 */
    {&mintls_hash_sha384, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1, "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039"}, /* sha384 rfc6234 */
    {&mintls_hash_sha384, "a", 1000000, "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985"}, /* sha384 rfc6234 */
    {&mintls_hash_sha384, "0123456701234567012345670123456701234567012345670123456701234567", 10, "2fc64a4f500ddb6828f6a3430b8dd72a368eb7f3a8322a70bc84275b9c0b3ab00d27a5cc3c2d224aa6b61a0d79fb4596"}, /* sha384 rfc6234 */
    {&mintls_hash_sha384, "a", 1, "54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31"}, /* sha384 */
    {&mintls_hash_sha384, "message digest", 1, "473ed35167ec1f5d8e550368a3db39be54639f828868e9454c239fc8b52e3c61dbd0d8b4de1390c256dcbb5d5fd99cd5"}, /* sha384 */
    {&mintls_hash_sha384, "abcdefghijklmnopqrstuvwxyz", 1, "feb67349df3db6f5924815d6c3dc133f091809213731fe5c7b5f4999e463479ff2877f5f2936fa63bb43784b12f3ebb4"}, /* sha384 */
    {&mintls_hash_sha384, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1, "1761336e3f7cbfe51deb137f026f89e01a448e3b1fafa64039c1464ee8732f11a5341a6f41e0c202294736ed64db1a84"}, /* sha384 */
    {&mintls_hash_sha384, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 1, "b12932b0627d1c060942f5447764155655bd4da0c9afa6dd9b9ef53129af1b8fb0195996d2de9ca0df9d821ffee67026"}, /* sha384 */
    {&mintls_hash_sha512, "", 1, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"}, /* sha512 */
    {&mintls_hash_sha512, "abc", 1, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"}, /* sha512 rfc6234 */
    {&mintls_hash_sha512, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"}, /* sha512 */
    {&mintls_hash_sha512, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"}, /* sha512 rfc6234 */
    {&mintls_hash_sha512, "a", 1000000, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"}, /* sha512 rfc6234 */
    {&mintls_hash_sha512, "0123456701234567012345670123456701234567012345670123456701234567", 10, "89d05ba632c699c31231ded4ffc127d5a894dad412c0e024db872d1abd2ba8141a0f85072a9be1e2aa04cf33c765cb510813a39cd5a84c4acaa64d3f3fb7bae9"}, /* sha512 rfc6234 */
    {&mintls_hash_sha512, "a", 1, "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75"}, /* sha512 */
    {&mintls_hash_sha512, "message digest", 1, "107dbf389d9e9f71a3a95f6c055b9251bc5268c2be16d6c13492ea45b0199f3309e16455ab1e96118e8a905d5597b72038ddb372a89826046de66687bb420e7c"}, /* sha512 */
    {&mintls_hash_sha512, "abcdefghijklmnopqrstuvwxyz", 1, "4dbff86cc2ca1bae1e16468a05cb9881c97f1753bce3619034898faa1aabe429955a1bf8ec483d7421fe3c1646613a59ed5441fb0f321389f77f48a879c7b1f1"}, /* sha512 */
    {&mintls_hash_sha512, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1, "1e07be23c26a86ea37ea810c8ec7809352515a970e9253c26f536cfc7a9996c45c8370583e0a78fa4a90041d71a4ceab7423f19c71b9d5a3e01249f0bebd5894"}, /* sha512 */
    {&mintls_hash_sha512, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 1, "72ec1ef1124a45b047e8b7c75a932195135bb61de24ec0d1914042246e0aec3a2354e093d76f3048b456764346900cb130d2a4fd5dd16abb5e30bcb850dee843"}, /* sha512 */
};
/* For each hash, H(H(m_0) || H(m_1) || ... || H(m_300)) where m_n is the
 * n bytes (i * 31 + 7) mod 256: a known answer for every length (hashlib). */
static const char *const hash_of_lengths[] = {
    "762bf68f48d71a2efae5a1c9289ce67a", /* md5 */
    "ed96bfdd84b07619e4bc5c2da8c68363721252c1", /* sha1 */
    "33bb39285fd72be481afebb0853396b1e32b3d3d5fa4e1d65665267e", /* sha224 */
    "78f25692e2f4dd74482ac3dcf4f505a7c278fa279588b764b99a497144bcd49c", /* sha256 */
    "ee5687497e0097f58b34f928dabee44e7963886c5b13a2ff1709df57be7bb56b2144b2519cf293aefe6ead490dfea857", /* sha384 */
    "4d453e114ab3806337606be8f53c6e5956d81a16bf152b21ad7a38b1933cdec9126d3cc7237f765ab8d7e3609dacd7cf18dd69798caa1ab8832b7951d0507a8b", /* sha512 */
};
/* HMAC: RFC 4231 test cases 1-7 (case 5 truncated to 128 bits) and the
 * RFC 2104 appendix vectors for HMAC-MD5; every tag checked against the RFC text. */
static const struct hmac_kat { const mintls_hash *h; const char *key; const char *data; size_t tag_len; const char *tag; } hmac_kats[] = {
    {&mintls_hash_sha224, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", 28, "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"}, /* RFC 4231 case 1 */
    {&mintls_hash_sha256, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", 32, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"}, /* RFC 4231 case 1 */
    {&mintls_hash_sha384, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", 48, "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"}, /* RFC 4231 case 1 */
    {&mintls_hash_sha512, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", 64, "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"}, /* RFC 4231 case 1 */
    {&mintls_hash_sha224, "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", 28, "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44"}, /* RFC 4231 case 2 */
    {&mintls_hash_sha256, "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"}, /* RFC 4231 case 2 */
    {&mintls_hash_sha384, "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", 48, "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"}, /* RFC 4231 case 2 */
    {&mintls_hash_sha512, "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", 64, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"}, /* RFC 4231 case 2 */
    {&mintls_hash_sha224, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", 28, "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea"}, /* RFC 4231 case 3 */
    {&mintls_hash_sha256, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", 32, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"}, /* RFC 4231 case 3 */
    {&mintls_hash_sha384, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", 48, "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27"}, /* RFC 4231 case 3 */
    {&mintls_hash_sha512, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", 64, "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"}, /* RFC 4231 case 3 */
    {&mintls_hash_sha224, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", 28, "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a"}, /* RFC 4231 case 4 */
    {&mintls_hash_sha256, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", 32, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"}, /* RFC 4231 case 4 */
    {&mintls_hash_sha384, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", 48, "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb"}, /* RFC 4231 case 4 */
    {&mintls_hash_sha512, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", 64, "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"}, /* RFC 4231 case 4 */
    {&mintls_hash_sha224, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e", 16, "0e2aea68a90c8d37c988bcdb9fca6fa8"}, /* RFC 4231 case 5 */
    {&mintls_hash_sha256, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e", 16, "a3b6167473100ee06e0c796c2955552b"}, /* RFC 4231 case 5 */
    {&mintls_hash_sha384, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e", 16, "3abf34c3503b2a23a46efc619baef897"}, /* RFC 4231 case 5 */
    {&mintls_hash_sha512, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e", 16, "415fad6271580a531d4179bc891d87a6"}, /* RFC 4231 case 5 */
    {&mintls_hash_sha224, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", 28, "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e"}, /* RFC 4231 case 6 */
    {&mintls_hash_sha256, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", 32, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"}, /* RFC 4231 case 6 */
    {&mintls_hash_sha384, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", 48, "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"}, /* RFC 4231 case 6 */
    {&mintls_hash_sha512, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", 64, "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"}, /* RFC 4231 case 6 */
    {&mintls_hash_sha224, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e", 28, "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1"}, /* RFC 4231 case 7 */
    {&mintls_hash_sha256, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e", 32, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"}, /* RFC 4231 case 7 */
    {&mintls_hash_sha384, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e", 48, "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e"}, /* RFC 4231 case 7 */
    {&mintls_hash_sha512, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e", 64, "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"}, /* RFC 4231 case 7 */
    {&mintls_hash_md5, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", 16, "9294727a3638bb1c13f48ef8158bfc9d"}, /* RFC 2104 */
    {&mintls_hash_md5, "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", 16, "750c783e6ab0b503eaa86e310a5db738"}, /* RFC 2104 */
    {&mintls_hash_md5, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", 16, "56be34521d144c88dbb8c733f0e8b3f6"}, /* RFC 2104 */
};
/* HKDF-SHA256: RFC 5869 appendix A.1-A.3 (PRK and OKM checked against the RFC text). */
static const struct hkdf_kat { const char *ikm, *salt, *info; size_t len; const char *prk, *okm; } hkdf_kats[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
     "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
     "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
    {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f", "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf", "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", 82,
     "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
     "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
     "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
     "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
};
/* TLS 1.2 PRF: produced with OpenSSL 3.0.19's command line, e.g.
 *   openssl kdf -keylen 100 -kdfopt digest:SHA256 -kdfopt hexsecret:<secret>
 *     -kdfopt hexseed:<label hex><seed hex> TLS1-PRF
 * (the label is passed as the start of the seed). */
static const struct prf_kat { const mintls_hash *h; const char *secret; const char *label; const char *seed; size_t len; const char *out; } prf_kats[] = {
    {&mintls_hash_sha256, "e13b032e112a32b579080f08b1f7ed4c2e5d3a07f97f21ee232d178a209af6b5887f66e8092402aa49f2c1551b27fe53", "master secret", "266e490db138489ce814d58d145a8b4f994fed15c5b2fdaeeff317f157e1e0978c3f5fd5df3d34f8c08262b03750894fa5e42428ca6d189213702ca29ceb2183", 48,
     "9159e929014c950b2b647c3908c5088e99e1fbb4e23be680b91c408f24ec1c14d159550c48e984b8a4c850629244930f"},
    {&mintls_hash_sha256, "25da6733cb63eb78b869d759689a1eb44efff1aa474318544a23a657001f2c4b6f14ddc8a66ac38f9bd8a34d2f858ed2", "key expansion", "cc8d3ac08c6d98cb1ab2e177fb54c29d0125f5ca98dbf55fcdf45090bdb16956eaf20eef350dbbf32147a9b29498a996638e2568adaba4ea882b3d7d83be460e", 104,
     "6f0962b3a36a044930c7d50bf76cf148c639fe6376e14b304cc8c4ee350445c279c2517f5db56cb65426cf73927d36e44a9fe1675901b88c2db81ddd8504c69ab71059242865ad3f96ac1dd9f86dcd89f85be82648ae4b225c06d7db57e7e41a81327cb83e478436"},
    {&mintls_hash_sha256, "ca13166a4fa0b5de239c85f870b22a09", "test label", "a97553f4ff47224a7c54c9a742e414be23bcd116", 100,
     "56e7e36659159c394ff70e70e47f392732ee4770625302a431fd0d2e7b20a208f8750f948c841a3bfe8c85b8ef76b32a51d1008166c8fa6a28451dd6f03552b5caf32dae18098fbf58a9bd39591e8103cd3403471e17f76b26cbfa44dd3648aabffce38c"},
    {&mintls_hash_sha256, "", "extended master secret", "24a07465b1c2fc1a0fe52996daae4bf87b0fb6bed45926096c6448438219efb9", 48,
     "02fe8170ac383f8005522b280f6215244695aca1bb466ea78e98ba08eb7fda1863ced7043a7b95136c32630fe882f2cd"},
    {&mintls_hash_sha256, "be93cbd0bc779204a0883d126fbd5ea495b98b5ae95601d17a62e38b59b5d1f8f6f5e3be34cd4136f0f93143837a24abc896b5cf60f2eea3e237ed2b26655aab58c18b66870f50a133171c85d9a5ae9dde55c0ca049491a27f4f63e7e3d5ac89dec884fca17e925053d2501177b569dce30ccf2320247dc3f8c2799aa7e7209b0d5c494bc0db5a469a30faab4488dcf18ea15521e075e27f22884f8c4ac96f664a6cafd300b161720809b9e17905d4d8fed7a97ff89cf0080a953fe77dcad66b15dcc839d35b5925", "client finished", "bc577520c21041890eb01e8c0917d2f60f935d76fa1f967ce4ea598652d59f0495a6695e109dff09d953dead923028d6", 12,
     "30f66c77a603793d5c1eb19f"},
    {&mintls_hash_sha256, "ab13d1e25dcf36a96133ca2da24025a9f6862720e605b4126e37e45b1588cc9e10acaf6c2c7c329908222b0e98b0dc09", "x", "", 150,
     "8f9fc4f49c169f3021e3d59808c478c70dfa760d928fa1b614babec1d230e100dce0bf472877b3baf87f40a0b6546e1786f1fd46d79614763530cbecb9571afe1fa49e43ff24168720733d24ca47d9c521f6710655c13b4997f2ef5ab87f1f8d480034b81200dd5bb1093cb0988d7dfac4f2a310c7a2f2ca03c8d3e3f9e4dcad547872fbafebe2b05a829a80408fc8601004eb8972a2"},
    {&mintls_hash_sha384, "c8e92c6f28b2abb4c6b5300f4244e6b740311f885110adfc2adeb809d7a1625475d857ddff47c2f3c59c8d8449b74385", "master secret", "9f7f97554fe91d85d6bc19b20413659c61f3c690a1c4d48be41cab8363a130cebabada97c7d1908356e8b7665d1fc1e84379c09bbed28272a7e2a03f54805acf", 48,
     "1cd5a5667058e1abaf40dc6964054a8b2a65571b005024fb97897e84d9c7d77b45297421dc4686c2ea1bca854eb53637"},
    {&mintls_hash_sha384, "e6858de62e54e9fb181d9a6cc243d224604e94be955cdff01a7bf4c831511b3a314b423ff1bd350a296945a0c183d896", "key expansion", "b8e57520a0186899cdbffc9c83555ea20a14afa8b8e83edf2996d536a545c989f615c003d00e712020bebafa141e0009703dc58e768298202695aaafd9f313e9", 104,
     "98ce8bee6c7bebf599c5d92fae03d6d0447aa4933916e6247641e32db9769d92f1ca5c0accf13b28e520689f52111212270f5eff1e60ed179109ee5cb4b1bcb8b83f5f04c1758b46128dc1de2e13095b013ab266cd8fb95de4ca3e69b84826cb1e508f09868359c4"},
    {&mintls_hash_sha384, "d5a66c6a668b06d20fef038bdd071bd0", "test label", "d8552de47813743086046bccc40d604931ad3429", 100,
     "75b427da2b6c7fca27ebee733d8973aa9452003141293214ab7e979a7bec140f40a78cfaf7d3434737f7ecf0819f03113c7ac633dae58a95758d9bd551a4fa3109ac926ddbeadb73e30e1406cb72062a07be2303684dfa4dd4a54e78cc90e4ba13495d21"},
    {&mintls_hash_sha384, "", "extended master secret", "2f3be71067cecb66a8ac1d1fd6d1e372e3e7b9a792f93889fbb8efa6354a5e36", 48,
     "002ae9b2c4194ba46850da321c18151520474f09cdd73761267b54d4df66a1233b248235b8335693d31e53591a8b2458"},
    {&mintls_hash_sha384, "8cd295e9898b2d17f4a5e3331c7e106a2e31cccbbba9308b6447b2ba8ef714ee15d90d6438985c87db5195fc232764afe931ec39fafec8909525d672119d4dfe84ffa67b7ee434cc3c2a671fc69b7dcb5e6163457e3f079a8d69421f97c7a1e679564adefc44a25646fce7a9b059746b3984b8f6916ac829b9cacbc77362b782544546de80e98bdf7ec9c82823a09d1b17300b22f78475835f312738ae0fbb9b47eee432d9e138f454e447b30b69780c41b1b6530078174c6d299fadc8b821838cb6c7432a107d7f", "client finished", "124d31daefb5abcb19df9aa05b29b7e52f90dae57e3c6dc8e78c87399ad2be3281e8be9b30e33a93b7ff56601bc2b5ac", 12,
     "d57f0d6fd27caf08c107ab56"},
    {&mintls_hash_sha384, "14b48cec73e80a11ff35a33d6c84b0db61109d80bdcbe4a37a5dd70788f4919daf8fb9cf5d995232460d23afa10f3596", "x", "", 150,
     "162712fb2a419f25c5131cdc5c57e47405210690f7589bd2edef1864266e271d62543e183195be6cd903725dd15a4a8d633bd8d60e1f38c15c8a04e27554f01596ded72a77e5242ec85f0dee679b9108a473fd83a97406e79e7a8e7a866a9f0ab9af9858ef9a089b4b73ec63e9ae4bcb66a2af669fcca712168eff4a7460f77c976c076124a6afcfefac430cdb02e21c147db1b698a5"},
};
