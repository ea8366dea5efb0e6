# Fails if any user-visible string lacks a zh_CN translation: re-extracts the strings from the
# sources into a copy of the .ts file, so a qsTr() added without translating it is caught too.
file(COPY_FILE ${TS} ${WORK}/check_zh_CN.ts)
execute_process(COMMAND ${LUPDATE} -silent ${SOURCES} -ts ${WORK}/check_zh_CN.ts RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed: ${rc}")
endif()
file(STRINGS ${WORK}/check_zh_CN.ts unfinished REGEX "type=\"unfinished\"")
list(LENGTH unfinished count)
if(count GREATER 0)
    message(FATAL_ERROR "${count} strings have no zh_CN translation: run the update_translations target "
                        "and translate them in translations/citybrain_zh_CN.ts")
endif()
message(STATUS "zh_CN translation complete")
