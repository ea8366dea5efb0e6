# Static check (run with cmake -DQML_DIR=<qml/> -P check_plaintext.cmake): every Text or TextEdit in the
# console's QML whose text is not a fixed literal ("...", qsTr("...")) declares
# `textFormat: Text.PlainText` (TextEdit.PlainText), so payload text is never rendered as HTML or rich
# text: no image load, no link, no style. TextInput and TextField are plain by nature and exempt.
# Without `text:` the text is set from outside (a component's root Text, a text measured in code): it
# needs the declaration too. A declaration of any other format is an error whatever the text.
#
# It reads the QML line by line with a small brace tracker (strings and // comments stripped first),
# which is enough for this code base's formatting (qmlformat style, one property per line).
cmake_minimum_required(VERSION 3.20)
if(NOT QML_DIR)
    message(FATAL_ERROR "QML_DIR not set")
endif()

set(checked_types Text TextEdit)
file(GLOB_RECURSE qml_files "${QML_DIR}/*.qml")
set(violations "")
set(checked 0)

foreach(file IN LISTS qml_files)
    file(READ "${file}" content)
    # Semicolons and brackets would be taken as list syntax: mask them, then split into lines.
    string(REPLACE ";" "<SEMI>" content "${content}")
    string(REPLACE "[" "<LB>" content "${content}")
    string(REPLACE "]" "<RB>" content "${content}")
    string(REPLACE "\n" ";" lines "${content}")

    set(depth 0)
    set(in_element FALSE)
    set(element_depth 0)
    set(line_no 0)
    foreach(line IN LISTS lines)
        math(EXPR line_no "${line_no} + 1")
        # Strip string literals (with escaped quotes) and // comments before counting braces.
        string(REGEX REPLACE "\\\\." "" code "${line}")
        string(REGEX REPLACE "\"[^\"]*\"" "\"\"" code "${code}")
        string(REGEX REPLACE "'[^']*'" "''" code "${code}")
        string(REGEX REPLACE "//.*$" "" code "${code}")
        string(REGEX MATCHALL "{" opens "${code}")
        string(REGEX MATCHALL "}" closes "${code}")
        list(LENGTH opens n_open)
        list(LENGTH closes n_close)

        if(NOT in_element)
            string(REGEX MATCH "^[ \t]*([A-Za-z]+)[ \t]*{" start "${code}")
            if(start AND CMAKE_MATCH_1 IN_LIST checked_types)
                set(in_element TRUE)
                set(element_type "${CMAKE_MATCH_1}")
                set(element_line ${line_no})
                set(element_depth ${depth})
                set(has_format FALSE)
                set(bad_format "")
                set(text_kind "none") # none, literal, bound
                math(EXPR checked "${checked} + 1")
                # A one-line element: "Text { text: x; textFormat: Text.PlainText }".
                string(REGEX REPLACE "^[ \t]*[A-Za-z]+[ \t]*{" "" body_line "${line}")
                set(props_line "${body_line}")
            else()
                set(props_line "")
            endif()
        else()
            set(props_line "${line}")
        endif()

        if(in_element)
            # Properties of the element itself sit one level below its opening brace.
            math(EXPR own_depth "${element_depth} + 1")
            if(depth EQUAL own_depth OR line_no EQUAL element_line)
                string(REPLACE "<SEMI>" "\n" props "${props_line}")
                string(REPLACE "\n" ";" props "${props}")
                foreach(prop IN LISTS props)
                    if(prop MATCHES "^[ \t]*textFormat[ \t]*:[ \t]*([A-Za-z.]+)")
                        if(CMAKE_MATCH_1 STREQUAL "Text.PlainText" OR CMAKE_MATCH_1 STREQUAL "TextEdit.PlainText")
                            set(has_format TRUE)
                        else()
                            set(bad_format "${CMAKE_MATCH_1}")
                        endif()
                    elseif(prop MATCHES "^[ \t]*text[ \t]*:[ \t]*(.*)$")
                        string(STRIP "${CMAKE_MATCH_1}" expr)
                        string(REGEX REPLACE "[ \t]*}[ \t]*$" "" expr "${expr}")
                        if(expr MATCHES "^(qsTr\\(\"[^\"]*\"\\)|\"[^\"]*\")$")
                            set(text_kind "literal")
                        else()
                            set(text_kind "bound")
                        endif()
                    endif()
                endforeach()
            endif()
        endif()

        math(EXPR depth "${depth} + ${n_open} - ${n_close}")

        if(in_element AND NOT depth GREATER element_depth)
            file(RELATIVE_PATH rel "${QML_DIR}" "${file}")
            if(bad_format)
                list(APPEND violations "${rel}:${element_line}: ${element_type} declares textFormat ${bad_format}")
            elseif(NOT has_format AND NOT text_kind STREQUAL "literal")
                list(APPEND violations
                    "${rel}:${element_line}: ${element_type} shows non-literal text without textFormat: Text.PlainText")
            endif()
            set(in_element FALSE)
        endif()
    endforeach()
endforeach()

list(LENGTH violations n_violations)
if(checked EQUAL 0)
    message(FATAL_ERROR "no Text element found under ${QML_DIR}: the check is not looking at the QML")
endif()
if(n_violations GREATER 0)
    string(REPLACE ";" "\n" report "${violations}")
    message(FATAL_ERROR "${n_violations} text element(s) may render payload text as rich text:\n${report}")
endif()
message(STATUS "${checked} Text/TextEdit elements checked: all payload text is plain")
