; The Windows setup program: nianbao-<version>-windows-x64-setup.exe (NSIS 3, Debian's `nsis`).
;
; Built by packaging/build-windows.sh (CI runs it):
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DEXE=nianbao.exe -DSRC=repo -DREADME_TXT=说明.txt -DGUIDE_FILES=list.nsh -DOUTFILE=setup.exe nianbao.nsi
;
; - Per user, no administrator rights: everything goes to %LOCALAPPDATA%\Programs\nianbao and HKCU.
; - Silent for IT departments: `setup.exe /S` (add /NODESKTOP for no desktop shortcut; /D=folder,
;   last on the line, for another folder). The uninstaller also takes /S.
; - Installing over an older version replaces the program files in the same folder; settings
;   (%APPDATA%\nianbao) and recovery files (%LOCALAPPDATA%\nianbao) are never touched.
; - The uninstaller removes the files it installed by name and never a whole folder, so a draft
;   the clerk saved anywhere, the install folder included, stays.

; 64-bit installer: Windows 10/11 x64 only, like the program (and it runs under wine64).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z"
!endif
!define APPNAME "政府信息公开年报编制"
!define PROGID "nianbao.draft"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao"
!define APPKEY "Software\nianbao"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\nianbao"
InstallDirRegKey HKCU "${APPKEY}" "InstallDir"
BrandingText "nianbao ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${SRC}/assets/icons/nianbao.ico"
!define MUI_UNICON "${SRC}/assets/icons/nianbao.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\nianbao.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

!define EXAMPLES "2021-jinjiang.ron 2021-jinjiang-corrected.ron 2019-yonghe.ron"

Section "程序（必需）" SecProgram
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "/oname=nianbao.exe" "${EXE}"
  File "/oname=说明.txt" "${README_TXT}"
  File "/oname=OFL-NotoSansSC.txt" "${SRC}/assets/fonts/OFL.txt"

  SetOutPath "$INSTDIR\guide"
  File "${SRC}/docs/guide/*.*"

  ; The examples are read-only, so that saving one asks for a new name (另存为) and the
  ; clerk's work never sits in a file the uninstaller removes.
  SetOutPath "$INSTDIR\examples"
  SetFileAttributes "$INSTDIR\examples\2021-jinjiang.ron" NORMAL
  SetFileAttributes "$INSTDIR\examples\2021-jinjiang-corrected.ron" NORMAL
  SetFileAttributes "$INSTDIR\examples\2019-yonghe.ron" NORMAL
  File "${SRC}/assets/examples/2021-jinjiang.ron"
  File "${SRC}/assets/examples/2021-jinjiang-corrected.ron"
  File "${SRC}/assets/examples/2019-yonghe.ron"
  SetFileAttributes "$INSTDIR\examples\2021-jinjiang.ron" READONLY
  SetFileAttributes "$INSTDIR\examples\2021-jinjiang-corrected.ron" READONLY
  SetFileAttributes "$INSTDIR\examples\2019-yonghe.ron" READONLY
  SetOutPath "$INSTDIR"

  ; Start menu (Windows 10/11 list entries without a folder).
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0 \
    SW_SHOWNORMAL "" "编写、核对并导出政府信息公开工作年度报告"

  ; .ron drafts open with the program and show its icon.
  WriteRegStr HKCU "Software\Classes\.ron" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "政府信息公开年报草稿"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\nianbao.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\nianbao.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\nianbao.exe\shell\open\command" "" '"$INSTDIR\nianbao.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\nianbao.exe\SupportedTypes" ".ron" ""
  ; SHChangeNotify(SHCNE_ASSOCCHANGED): Explorer shows the new icon at once.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; 应用和功能 (Apps & features) lists the program with its uninstaller.
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APPKEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" '"$INSTDIR\nianbao.exe",0'
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "nianbao developers"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0
SectionEnd

Function .onInit
  ; /NODESKTOP on the command line: no desktop shortcut (for silent installs).
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecDesktop} 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\说明.txt"
  Delete "$INSTDIR\OFL-NotoSansSC.txt"
  ; The guide's files are listed when the setup is built (packaging/build-windows.sh).
  !include "${GUIDE_FILES}"
  RMDir "$INSTDIR\guide"
  SetFileAttributes "$INSTDIR\examples\2021-jinjiang.ron" NORMAL
  SetFileAttributes "$INSTDIR\examples\2021-jinjiang-corrected.ron" NORMAL
  SetFileAttributes "$INSTDIR\examples\2019-yonghe.ron" NORMAL
  Delete "$INSTDIR\examples\2021-jinjiang.ron"
  Delete "$INSTDIR\examples\2021-jinjiang-corrected.ron"
  Delete "$INSTDIR\examples\2019-yonghe.ron"
  ; Only removed when empty: a draft the clerk saved here keeps its folder.
  RMDir "$INSTDIR\examples"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ; The association, only where it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "Software\Classes\.ron" ""
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\nianbao.exe"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${APPKEY}"
  ; Settings (%APPDATA%\nianbao) and recovery files (%LOCALAPPDATA%\nianbao) stay: recovery
  ; files may hold the only copy of unsaved work, and a reinstall finds the settings again.
SectionEnd
