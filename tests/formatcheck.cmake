# Fails if any C++ file of the project is not formatted with the repository's .clang-format.
file(GLOB_RECURSE sources ${ROOT}/app/*.cpp ${ROOT}/app/*.h ${ROOT}/modules/*.cpp ${ROOT}/modules/*.h
    ${ROOT}/tests/*.cpp ${ROOT}/tests/*.h ${ROOT}/bench/*.cpp ${ROOT}/bench/*.h)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${sources} RESULT_VARIABLE rc ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "not clang-formatted (run clang-format -i on these):\n${out}")
endif()
list(LENGTH sources count)
message(STATUS "${count} files formatted")
