# Runs a sample and passes only if it exits 0 and its output (stdout and stderr) matches
# EXPECT, a CMake regular expression: CTest's PASS_REGULAR_EXPRESSION alone ignores the exit
# status, so a sample that printed the right lines and then failed would pass.
#   cmake -DEXPECT=<regex> -P expect_output.cmake PROGRAM [ARGUMENTS...]
set(command "")
set(script_at -1)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(script_at GREATER_EQUAL 0 AND i GREATER script_at)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif("${CMAKE_ARGV${i}}" STREQUAL "-P")
    math(EXPR script_at "${i} + 1")  # this script; the program follows it
  endif()
endforeach()
if(NOT command)
  message(FATAL_ERROR "usage: cmake -DEXPECT=<regex> -P expect_output.cmake PROGRAM [ARGUMENTS...]")
endif()
execute_process(COMMAND ${command} OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE status)
message("${output}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${command} exited with ${status}")
endif()
if(NOT output MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output does not match: ${EXPECT}")
endif()
