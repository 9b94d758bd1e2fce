import { deterministicUuid } from '../model/sdk-deterministic-ids.js';
import type { MprUnitInput } from '../mpk/mpr.js';
import { guidOf, guidValue, int64, list, type StorageObject, type StorageValue } from '../mpk/storage-bson.js';
import type { MendixTarget } from './targets.js';

/**
 * The project around the module. A module package's project.mpr is a whole small project: besides
 * the module, Studio Pro exports the project documents (security, system texts, settings,
 * navigation) and the list of one-time conversions the model has had. They carry no spec content,
 * so they are written here directly in storage form with the defaults of a new Studio Pro app.
 */

function id(path: string): StorageValue {
  return guidValue(deterministicUuid(`project-frame:${path}`));
}

function object(type: string, path: string, properties: StorageObject): StorageObject {
  return { $ID: id(path), $Type: type, ...properties };
}

function projectSecurity(): StorageObject {
  return object('Security$ProjectSecurity', 'security', {
    AdminPassword: '',
    AdminUserName: 'MxAdmin',
    AdminUserRole: '',
    CheckSecurity: true,
    DemoUsers: list(2),
    EnableDemoUsers: false,
    EnableGuestAccess: false,
    FileDocumentAccess: object('Security$FileDocumentAccessRuleContainer', 'security/fileDocumentAccess', { AccessRules: list(3) }),
    GuestUserRole: '',
    ImageAccess: object('Security$ImageAccessRuleContainer', 'security/imageAccess', { AccessRules: list(3) }),
    PasswordPolicySettings: object('Security$PasswordPolicySettings', 'security/passwordPolicy', {
      MinimumLength: int64(12),
      RequireDigit: false,
      RequireMixedCase: false,
      RequireSymbol: false,
    }),
    SecurityLevel: 'CheckNothing',
    StrictMode: false,
    StrictPageUrlCheck: true,
    UserRoles: list(2),
  });
}

function systemTexts(): StorageObject {
  return object('Texts$SystemTextCollection', 'systemTexts', { SystemTexts: list(2) });
}

function projectSettings(): StorageObject {
  const part = (type: string, name: string, properties: StorageObject) => object(type, `settings/${name}`, properties);
  return object('Settings$ProjectSettings', 'settings', {
    Settings: list(2, [
      part('Settings$CertificateSettings', 'certificates', { Certificates: list(3) }),
      part('Settings$ConfigurationSettings', 'configurations', {
        Configurations: list(3, [
          object('Settings$ServerConfiguration', 'settings/configurations/Default', {
            ApplicationRootUrl: 'http://localhost:8080/',
            ConstantValues: list(3),
            CustomSettings: list(3),
            DatabaseName: 'default',
            DatabasePassword: '',
            DatabaseType: 'Hsqldb',
            DatabaseUrl: '',
            DatabaseUseIntegratedSecurity: false,
            DatabaseUserName: '',
            ExtraJvmParameters: '',
            HttpPortNumber: int64(8080),
            MaxJavaHeapSize: int64(0),
            Name: 'Default',
            OpenAdminPort: true,
            OpenHttpPort: false,
            ServerPortNumber: int64(8090),
            Tracing: null,
          }),
        ]),
      }),
      part('Settings$DistributionSettings', 'distribution', { BasedOnVersion: '', IsDistributable: false, Version: '' }),
      part('Settings$JarDeploymentSettings', 'jarDeployment', { Exclusions: list(2) }),
      part('Settings$LanguageSettings', 'languages', {
        DefaultLanguageCode: 'en_US',
        Languages: list(3, [
          object('Texts$Language', 'settings/languages/en_US', {
            CheckCompleteness: false,
            Code: 'en_US',
            CustomDateFormat: '',
            CustomDateTimeFormat: '',
            CustomTimeFormat: '',
          }),
        ]),
      }),
      part('Settings$ConventionSettings', 'conventions', {
        ActionActivityDefaultColors: list(3),
        DefaultAssociationStorage: 'Table',
        DefaultSequenceFlowLineType: 'BezierCurve',
        LowerCaseMicroflowVariables: false,
      }),
      part('Settings$ModelSettings', 'model', {
        AfterStartupMicroflow: '',
        AllowUserMultipleSessions: false,
        BcryptCost: int64(12),
        BeforeShutdownMicroflow: '',
        DefaultTimeZoneCode: '',
        EnableDataStorageOptimisticLocking: true,
        FirstDayOfWeek: 'Default',
        HashAlgorithm: 'BCrypt',
        HealthCheckMicroflow: '',
        JavaVersion: 'Java11',
        RoundingMode: 'HalfUp',
        ScheduledEventTimeZoneCode: 'Etc/UTC',
        SslCertificateAlgorithm: 'SunX509',
        UseDatabaseForeignKeyConstraints: false,
        UseOQLVersion2: false,
        UseSystemContextForBackgroundTasks: false,
      }),
      part('Forms$WebUIProjectSettingsPart', 'webUI', {
        EnableMicroflowReachabilityAnalysis: true,
        EnableNewWidgetGeneration: true,
        EnableWidgetBundling: false,
        ThemeModuleOrder: list(3),
        UrlPrefix: 'p',
        UseOptimizedClient: 'No',
      }),
      part('Settings$WorkflowsProjectSettingsPart', 'workflows', {
        DefaultTaskParallelism: int64(3),
        OnWorkflowEvent: list(2),
        UserEntity: 'System.User',
        UsertaskOnStateChangeEvent: null,
        WorkflowEngineParallelism: int64(5),
        WorkflowOnStateChangeEvent: null,
      }),
    ]),
  });
}

function navigation(): StorageObject {
  const path = 'navigation/Responsive';
  return object('Navigation$NavigationDocument', 'navigation', {
    Profiles: list(2, [
      object('Navigation$NavigationProfile', path, {
        AppIcon: '',
        AppTitle: object('Texts$Text', `${path}/appTitle`, { Items: list(3) }),
        HomeItems: list(2),
        HomePage: object('Navigation$HomePage', `${path}/homePage`, { Microflow: '', Page: '' }),
        Kind: 'Responsive',
        LoginPageSettings: object('Forms$FormSettings', `${path}/loginPage`, { Form: '', ParameterMappings: list(2), TitleOverride: null }),
        Menu: object('Menus$MenuItemCollection', `${path}/menu`, { Items: list(3) }),
        Name: 'Responsive',
        NotFoundHomepage: null,
        OfflineEntityConfigs: list(3),
        ProgressiveWebAppSettings: null,
      }),
    ]),
  });
}

function projectConversion(target: MendixTarget): StorageObject {
  return object('Projects$ProjectConversion', 'conversion', {
    OneTimeConversions: list(
      3,
      target.oneTimeConversions.map((name) => object('Projects$OneTimeConversion', `conversion/${name}`, { Name: name })),
    ),
  });
}

/** The project documents and the conversion list, as units under the project root. */
export function projectFrameUnits(rootId: string, target: MendixTarget): MprUnitInput[] {
  const unit = (contents: StorageObject, containmentName: string): MprUnitInput => ({
    unitId: guidOf(contents['$ID']) ?? '',
    containerId: rootId,
    containmentName,
    contents,
  });
  return [
    unit(projectSecurity(), 'ProjectDocuments'),
    unit(systemTexts(), 'ProjectDocuments'),
    unit(projectSettings(), 'ProjectDocuments'),
    unit(navigation(), 'ProjectDocuments'),
    unit(projectConversion(target), 'ProjectConversion'),
  ];
}
