#define BOOST_TEST_MODULE api_tests
#include <boost/test/unit_test.hpp>
