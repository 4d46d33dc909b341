#include "api/doc_examples.hpp"

namespace emu::api {

std::string_view async_invoke_config_example() {
    return R"({
  "func_urn" : "urn:fss:xxxxxxxxx:7aad83af3e8d42e99ac194xxxxxxxxxx:function:default:test:latest",
  "max_async_event_age_in_seconds" : 60,
  "max_async_retry_attempts" : 1,
  "destination_config" : {
    "on_success" : {
      "destination" : "FunctionGraph",
      "param" : "{\"func_urn\":\"urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest\"}"
    },
    "on_failure" : {
      "destination" : "FunctionGraph",
      "param" : "{\"func_urn\":\"urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest\"}"
    }
  },
  "created_time" : "2021-03-04T14:50:02+08:00",
  "last_modified" : "2021-03-04 14:50:02"
})";
}

std::string_view async_invoke_configs_example() {
    return R"({
  "async_invoke_configs" : [ {
    "func_urn" : "urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:test_async:latest",
    "max_async_event_age_in_seconds" : 60,
    "max_async_retry_attempts" : 1,
    "destination_config" : {
      "on_success" : {
        "destination" : "FunctionGraph",
        "param" : "{\"func_urn\":\"urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest\"}"
      },
      "on_failure" : {
        "destination" : "FunctionGraph",
        "param" : "{\"func_urn\":\"urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest\"}"
      }
    },
    "created_time" : "2021-03-04T14:50:02+08:00",
    "last_modified" : "2021-03-04 14:50:02"
  } ],
  "count" : 2,
  "page_info" : {
    "next_marker" : 2,
    "previous_marker" : 0,
    "current_count" : 2
  }
})";
}

} // namespace emu::api
