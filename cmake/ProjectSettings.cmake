# One INTERFACE target carries the compile settings every target of ours shares.
add_library(mptcplab_settings INTERFACE)
target_compile_features(mptcplab_settings INTERFACE cxx_std_20)
target_compile_definitions(mptcplab_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
target_compile_options(mptcplab_settings INTERFACE -Wall -Wextra -Wpedantic)
if(MPTCPLAB_WERROR)
    target_compile_options(mptcplab_settings INTERFACE -Werror)
endif()
