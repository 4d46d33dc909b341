// The hashes behind code digests and AK/SK signatures, against published test vectors
// (FIPS 180-2 examples, RFC 4231 test case 2), whatever library computes them.
#include "crypto/digest.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace emu::crypto;

BOOST_AUTO_TEST_SUITE(digest)

BOOST_AUTO_TEST_CASE(sha256_and_sha512_of_abc_and_of_nothing) {
    BOOST_TEST(sha256_hex("abc") ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(sha256_hex("") ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(sha512_hex("abc") ==
               "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
               "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_rfc4231_case_2) {
    BOOST_TEST(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(constant_time_equal_and_base64) {
    BOOST_TEST(constant_time_equal("secret", "secret"));
    BOOST_TEST(!constant_time_equal("secret", "secreT"));
    BOOST_TEST(!constant_time_equal("secret", "secret!"));
    std::string out;
    BOOST_TEST(base64_decode("aGVsbG8=", out));
    BOOST_TEST(out == "hello");
    BOOST_TEST(!base64_decode("a$==", out));
}

BOOST_AUTO_TEST_SUITE_END()
