// The markup of <vigie-check>, written into its shadow root: French words, which i18n.js reads as the
// French texts (`captureStatic`) and replaces in English. Generated once from the self-check page's
// markup; edit it here.
export const TEMPLATE = `
<div class="wrap vigie-root" part="root">
    <div class="header-tools toolbar" part="toolbar" id="toolbar">
      <div class="lang-switch" role="group" aria-label="Langue" data-i18n-label="lang.label">
        <button type="button" id="lang-fr" lang="fr" aria-pressed="true">Français</button>
        <button type="button" id="lang-en" lang="en" aria-pressed="false">English</button>
      </div>
      <div class="rules-switch">
        <label for="rules-select" data-i18n="rules.label">Règles</label>
        <select id="rules-select" name="rules">
          <option value="fr" data-i18n="rules.fr">France</option>
          <option value="us" data-i18n="rules.us">États-Unis (USPSTF)</option>
        </select>
      </div>
      <a id="about-link" class="about-link" href="#about" data-i18n="about.link">À propos de Vigie</a>
    </div>
    <p id="loading" class="loading" role="status" data-i18n="loading">Chargement…</p>
    <div id="load-error" class="load-error" role="alert" hidden></div>
    <p id="rules-notice" class="notice" role="status" hidden></p>

    <div id="app" hidden>
      <div id="intro" class="intro">
        <p data-i18n="intro.1">Vigie ne vous pose que les questions qui peuvent changer ses conseils, les plus importantes d'abord, et vous montre tout de suite un premier résultat. Vous pouvez vous arrêter quand vous voulez.</p>
        <p data-i18n="intro.2">Vos réponses restent sur cet appareil : rien n'est envoyé. Vous pouvez répondre «&nbsp;Je ne sais pas&nbsp;» à chaque question.</p>
      </div>

      <section id="path" part="path" class="path" aria-label="Questions" data-i18n-label="path.label" hidden>
        <div id="path-provisional" part="provisional" class="provisional" hidden></div>
        <div id="path-question" part="question" class="path-question"></div>
        <div class="path-nav">
          <button type="button" id="path-back" class="secondary" hidden></button>
          <button type="button" id="path-results" class="secondary" hidden></button>
        </div>
        <p class="path-full"><button type="button" id="path-full" class="link-button"></button></p>
      </section>

      <div id="progress-block" class="progress-block">
        <p id="progress-text" class="progress-text">Étape 1 sur 8</p>
        <progress id="progress" max="8" value="1" aria-labelledby="progress-text"></progress>
      </div>

      <form id="questionnaire" part="form" novalidate>

        <!-- 1. birth -->
        <section class="step" data-step="birth" aria-labelledby="h-birth">
          <h2 id="h-birth" tabindex="-1" data-i18n="birth.title">Votre date de naissance</h2>
          <fieldset class="group" id="birth-fieldset" aria-describedby="birth-hint">
            <legend data-i18n="birth.legend">Date de naissance</legend>
            <p class="hint" id="birth-hint" data-i18n="birth.hint">Par exemple : 2, 3 et 1971 pour le 2 mars 1971.</p>
            <div class="date-inputs controls">
              <div class="date-part">
                <label for="birth-day" data-i18n="birth.day">Jour</label>
                <input id="birth-day" name="birth-day" class="w-2" type="text" inputmode="numeric" autocomplete="bday-day" maxlength="2" aria-describedby="birth-hint">
              </div>
              <div class="date-part">
                <label for="birth-month" data-i18n="birth.month">Mois</label>
                <input id="birth-month" name="birth-month" class="w-2" type="text" inputmode="numeric" autocomplete="bday-month" maxlength="2" aria-describedby="birth-hint">
              </div>
              <div class="date-part">
                <label for="birth-year" data-i18n="birth.year">Année</label>
                <input id="birth-year" name="birth-year" class="w-4" type="text" inputmode="numeric" autocomplete="bday-year" maxlength="4" aria-describedby="birth-hint">
              </div>
            </div>
          </fieldset>
          <div class="choice check">
            <input type="checkbox" id="birth-unknown" name="birth-unknown">
            <label for="birth-unknown" data-i18n="birth.unknown">Je ne connais pas ma date de naissance exacte</label>
          </div>
          <div class="field" id="age-field" hidden>
            <label for="age" data-i18n="age.label">Votre âge, en années</label>
            <p class="hint" id="age-hint" data-i18n="age.hint">Par exemple : 67</p>
            <input id="age" name="age" class="w-3" type="text" inputmode="numeric" maxlength="3" aria-describedby="age-hint">
          </div>
          <div class="field" id="departement-field" data-asks="departement">
            <label for="departement" data-i18n="departement.label">Votre département (facultatif)</label>
            <p class="hint" id="departement-hint" data-i18n="departement.hint">Son numéro, par exemple 75, 2A ou 974. Il sert à vous indiquer le centre de dépistage des cancers de votre région. Comme toutes vos réponses, il reste sur cet appareil.</p>
            <input id="departement" name="departement" class="w-3" type="text" maxlength="3" autocomplete="off" spellcheck="false" aria-describedby="departement-hint">
          </div>
        </section>

        <!-- 2. sex -->
        <section class="step" data-step="sex" aria-labelledby="h-sex" hidden>
          <h2 id="h-sex" tabindex="-1" data-i18n="sex.title">Votre sexe à la naissance</h2>
          <fieldset class="group" id="sex-fieldset" aria-describedby="sex-hint">
            <legend data-i18n="sex.legend">Sexe à la naissance</legend>
            <p class="hint" id="sex-hint" data-i18n="sex.hint">Celui indiqué à votre naissance. Il sert à savoir quels dépistages vous concernent.</p>
            <div class="choices controls">
              <div class="choice">
                <input type="radio" name="sex" value="female" id="sex-female">
                <label for="sex-female" data-i18n="sex.female">Féminin</label>
              </div>
              <div class="choice">
                <input type="radio" name="sex" value="male" id="sex-male">
                <label for="sex-male" data-i18n="sex.male">Masculin</label>
              </div>
            </div>
          </fieldset>
          <details id="organs" class="organs">
            <summary data-i18n="organs.summary">Après une opération, ou si vous êtes une personne trans ou intersexe</summary>
            <div class="organs-body">
              <p class="hint" data-i18n="organs.hint">Pour chaque organe, dites si vous l'avez aujourd'hui. Si vous ne savez pas, laissez «&nbsp;Je ne sais pas&nbsp;» : Vigie se fie alors à votre sexe à la naissance.</p>
              <div id="organ-groups"></div>
            </div>
          </details>
        </section>

        <!-- 3. health -->
        <section class="step" data-step="health" aria-labelledby="h-health" hidden>
          <h2 id="h-health" tabindex="-1" data-i18n="health.title">Votre santé</h2>
          <p class="hint" id="health-hint" data-i18n="health.hint">Cochez ce qui vous concerne, aujourd'hui ou dans le passé. Si rien ne vous concerne, ne cochez rien.</p>
          <fieldset class="group" id="conditions-breast">
            <legend data-i18n="health.group.breast">Seins</legend>
            <div class="choices controls" data-conditions="breast"></div>
          </fieldset>
          <fieldset class="group" id="conditions-bowel">
            <legend data-i18n="health.group.bowel">Intestin (côlon, rectum)</legend>
            <div class="choices controls" data-conditions="bowel"></div>
          </fieldset>
          <fieldset class="group" id="conditions-cervix">
            <legend data-i18n="health.group.cervix">Utérus et col de l'utérus</legend>
            <div class="choices controls" data-conditions="cervix"></div>
          </fieldset>
          <fieldset class="group" id="conditions-genes">
            <legend data-i18n="health.group.genes">Gènes (découvert par un test génétique)</legend>
            <div class="choices controls" data-conditions="genes"></div>
          </fieldset>
          <fieldset class="group" id="conditions-other">
            <legend data-i18n="health.group.other">Autres</legend>
            <div class="choices controls" data-conditions="other"></div>
          </fieldset>
          <fieldset class="group known" id="conditions-known-fieldset">
            <legend data-i18n="conditions-known.legend">Est-ce complet ?</legend>
            <div class="choices controls">
              <div class="choice">
                <input type="radio" name="conditions-known" value="yes" id="conditions-known-yes">
                <label for="conditions-known-yes" data-i18n="conditions-known.yes">Oui : j'ai coché ce qui me concerne, ou rien ne me concerne</label>
              </div>
              <div class="choice">
                <input type="radio" name="conditions-known" value="unknown" id="conditions-known-unknown">
                <label for="conditions-known-unknown" data-i18n="conditions-known.unknown">Je ne sais pas</label>
              </div>
            </div>
          </fieldset>
          <fieldset class="group" id="pregnant-fieldset">
            <legend data-i18n="pregnant.legend">Êtes-vous enceinte ?</legend>
            <div class="choices controls inline">
              <div class="choice">
                <input type="radio" name="pregnant" value="yes" id="pregnant-yes">
                <label for="pregnant-yes" data-i18n="pregnant.yes">Oui</label>
              </div>
              <div class="choice">
                <input type="radio" name="pregnant" value="no" id="pregnant-no">
                <label for="pregnant-no" data-i18n="pregnant.no">Non</label>
              </div>
              <div class="choice">
                <input type="radio" name="pregnant" value="unknown" id="pregnant-unknown">
                <label for="pregnant-unknown" data-i18n="pregnant.unknown">Je ne sais pas</label>
              </div>
            </div>
          </fieldset>
        </section>

        <!-- 4. smoking -->
        <section class="step" data-step="smoking" aria-labelledby="h-smoking" hidden>
          <h2 id="h-smoking" tabindex="-1" data-i18n="smoking.title">Le tabac</h2>
          <fieldset class="group" id="smoking-fieldset">
            <legend data-i18n="smoking.legend">Fumez-vous, ou avez-vous fumé ?</legend>
            <div class="choices controls">
              <div class="choice">
                <input type="radio" name="smoking" value="never" id="smoking-never">
                <label for="smoking-never" data-i18n="smoking.never">Je n'ai jamais fumé</label>
              </div>
              <div class="choice">
                <input type="radio" name="smoking" value="former" id="smoking-former">
                <label for="smoking-former" data-i18n="smoking.former">J'ai fumé, mais j'ai arrêté</label>
              </div>
              <div class="choice">
                <input type="radio" name="smoking" value="current" id="smoking-current">
                <label for="smoking-current" data-i18n="smoking.current">Je fume</label>
              </div>
              <div class="choice">
                <input type="radio" name="smoking" value="unknown" id="smoking-unknown">
                <label for="smoking-unknown" data-i18n="smoking.unknown">Je ne sais pas</label>
              </div>
            </div>
          </fieldset>
          <div class="field" id="pack-years-field" hidden>
            <label for="pack-years" data-i18n="pack-years.label">Combien de paquets-années ? (facultatif)</label>
            <p class="hint" id="pack-years-hint" data-i18n="pack-years.hint">Le nombre de paquets de 20 cigarettes par jour, multiplié par le nombre d'années. Exemple : 1 paquet par jour pendant 20 ans = 20. Laissez vide si vous ne savez pas.</p>
            <input id="pack-years" name="pack-years" class="w-4" type="text" inputmode="decimal" aria-describedby="pack-years-hint">
          </div>
          <fieldset class="group" id="quit-fieldset" aria-describedby="quit-hint" hidden>
            <legend data-i18n="quit.legend">Quand avez-vous arrêté ? (facultatif)</legend>
            <p class="hint" id="quit-hint" data-i18n="quit.hint">Laissez vide si vous ne savez pas.</p>
            <div class="date-inputs controls">
              <div class="date-part">
                <label for="quit-month" data-i18n="quit.month">Mois</label>
                <input id="quit-month" name="quit-month" class="w-2" type="text" inputmode="numeric" maxlength="2" aria-describedby="quit-hint">
              </div>
              <div class="date-part">
                <label for="quit-year" data-i18n="quit.year">Année</label>
                <input id="quit-year" name="quit-year" class="w-4" type="text" inputmode="numeric" maxlength="4" aria-describedby="quit-hint">
              </div>
            </div>
          </fieldset>
        </section>

        <!-- 5. body -->
        <section class="step" data-step="body" aria-labelledby="h-body" hidden>
          <h2 id="h-body" tabindex="-1" data-i18n="body.title">Votre taille et votre poids</h2>
          <p class="hint" data-i18n="body.hint">Les deux sont facultatifs. Laissez vide si vous ne savez pas.</p>
          <div class="field">
            <label for="height" data-i18n="height.label">Votre taille, en centimètres</label>
            <p class="hint" id="height-hint" data-i18n="height.hint">Par exemple : 165</p>
            <input id="height" name="height" class="w-4" type="text" inputmode="decimal" maxlength="6" aria-describedby="height-hint">
          </div>
          <div class="field">
            <label for="weight" data-i18n="weight.label">Votre poids, en kilos</label>
            <p class="hint" id="weight-hint" data-i18n="weight.hint">Par exemple : 70</p>
            <input id="weight" name="weight" class="w-4" type="text" inputmode="decimal" maxlength="6" aria-describedby="weight-hint">
          </div>
          <fieldset class="group" id="ancestry-fieldset" aria-describedby="ancestry-hint" data-asks="ancestry" hidden>
            <legend data-i18n="ancestry.legend">Votre famille est-elle d'une de ces origines ? (facultatif)</legend>
            <p class="hint" id="ancestry-hint" data-i18n="ancestry.hint">Certaines recommandations en tiennent compte : le seuil de poids du dépistage du diabète, le risque d'hypertension, le risque familial de cancer. Cochez ce qui s'applique. Comme toutes vos réponses, cela reste sur cet appareil.</p>
            <div class="choices controls" data-ancestry></div>
            <div class="choices controls">
              <div class="choice">
                <input type="checkbox" name="ancestry-none" value="none" id="ancestry-none">
                <label for="ancestry-none" data-i18n="ancestry.none">Aucune de ces origines</label>
              </div>
            </div>
          </fieldset>
        </section>

        <!-- 6. family -->
        <section class="step" data-step="family" aria-labelledby="h-family" hidden>
          <h2 id="h-family" tabindex="-1" data-i18n="family.title">Votre famille</h2>
          <fieldset class="group" id="family-known-fieldset" aria-describedby="family-hint">
            <legend data-i18n="family.legend">Dans votre famille, quelqu'un a-t-il eu un cancer du sein, de l'ovaire ou colorectal, ou une mutation génétique (BRCA, Lynch) ?</legend>
            <p class="hint" id="family-hint" data-i18n="family.hint">Parents, frères, sœurs, enfants, grands-parents, oncles, tantes, neveux, nièces et cousins.</p>
            <div class="choices controls">
              <div class="choice">
                <input type="radio" name="family-known" value="yes" id="family-known-yes">
                <label for="family-known-yes" data-i18n="family.yes">Oui</label>
              </div>
              <div class="choice">
                <input type="radio" name="family-known" value="no" id="family-known-no">
                <label for="family-known-no" data-i18n="family.no">Non, personne à ma connaissance</label>
              </div>
              <div class="choice">
                <input type="radio" name="family-known" value="unknown" id="family-known-unknown">
                <label for="family-known-unknown" data-i18n="family.unknown">Je ne sais pas</label>
              </div>
            </div>
          </fieldset>
          <div class="rows-block" id="relatives-block">
            <p class="hint" data-i18n="family.rows.hint">Ajoutez une ligne par proche et par maladie.</p>
            <div id="relatives" class="rows"></div>
            <button type="button" id="add-relative" class="secondary add" data-i18n="family.add">Ajouter un proche</button>
          </div>
        </section>

        <!-- 7. screenings -->
        <section class="step" data-step="screenings" aria-labelledby="h-screenings" hidden>
          <h2 id="h-screenings" tabindex="-1" data-i18n="screenings.title">Vos examens de dépistage</h2>
          <fieldset class="group" id="screenings-known-fieldset">
            <legend data-i18n="screenings.legend">Avez-vous déjà fait l'un de ces examens : mammographie, test colorectal à faire chez soi, coloscopie, frottis, test HPV, bilan prévention ?</legend>
            <div class="choices controls">
              <div class="choice">
                <input type="radio" name="screenings-known" value="yes" id="screenings-known-yes">
                <label for="screenings-known-yes" data-i18n="screenings.yes">Oui</label>
              </div>
              <div class="choice">
                <input type="radio" name="screenings-known" value="no" id="screenings-known-no">
                <label for="screenings-known-no" data-i18n="screenings.no">Non, jamais</label>
              </div>
              <div class="choice">
                <input type="radio" name="screenings-known" value="unknown" id="screenings-known-unknown">
                <label for="screenings-known-unknown" data-i18n="screenings.unknown">Je ne sais pas</label>
              </div>
            </div>
          </fieldset>
          <div class="rows-block" id="screenings-block">
            <p class="hint" data-i18n="screenings.rows.hint">Indiquez au moins le dernier examen de chaque sorte. Vos courriers d'invitation ou votre médecin peuvent vous aider.</p>
            <div id="screenings" class="rows"></div>
            <button type="button" id="add-screening" class="secondary add" data-i18n="screenings.add">Ajouter un examen</button>
          </div>
        </section>

        <!-- 8. vaccinations -->
        <section class="step" data-step="vaccinations" aria-labelledby="h-vaccinations" hidden>
          <h2 id="h-vaccinations" tabindex="-1" data-i18n="vaccinations.title">Vos vaccins</h2>
          <fieldset class="group" id="vaccinations-known-fieldset" aria-describedby="vaccinations-hint">
            <legend data-i18n="vaccinations.legend">Connaissez-vous les dates de vos derniers vaccins ?</legend>
            <p class="hint" id="vaccinations-hint" data-i18n="vaccinations.hint">Regardez dans votre carnet de vaccination ou votre carnet de santé, ou demandez à votre pharmacien.</p>
            <div class="choices controls">
              <div class="choice">
                <input type="radio" name="vaccinations-known" value="yes" id="vaccinations-known-yes">
                <label for="vaccinations-known-yes" data-i18n="vaccinations.yes">Oui</label>
              </div>
              <div class="choice">
                <input type="radio" name="vaccinations-known" value="no" id="vaccinations-known-no">
                <label for="vaccinations-known-no" data-i18n="vaccinations.no">Non, je n'ai reçu aucun de ces vaccins</label>
              </div>
              <div class="choice">
                <input type="radio" name="vaccinations-known" value="unknown" id="vaccinations-known-unknown">
                <label for="vaccinations-known-unknown" data-i18n="vaccinations.unknown">Je ne sais pas</label>
              </div>
            </div>
          </fieldset>
          <div class="rows-block" id="vaccinations-block">
            <p class="hint" data-i18n="vaccinations.rows.hint">Indiquez la dernière dose de chaque vaccin.</p>
            <div id="vaccinations" class="rows"></div>
            <button type="button" id="add-vaccination" class="secondary add" data-i18n="vaccinations.add">Ajouter un vaccin</button>
          </div>
        </section>

        <div class="nav-buttons">
          <button type="button" id="back" class="secondary" data-i18n="nav.back">Retour</button>
          <button type="button" id="next" class="primary">Continuer</button>
        </div>
      </form>

      <section id="results" part="results" class="results" aria-labelledby="results-title" hidden>
        <h2 id="results-title" tabindex="-1" data-i18n="results.title">Vos résultats</h2>
        <p class="print-only" data-i18n="print.for">Vigie : résumé à montrer à votre médecin, votre sage-femme ou votre pharmacien.</p>
        <p id="results-intro" class="results-intro"></p>
        <div id="report-warnings" class="report-warnings" role="note" hidden></div>
        <section id="summary" part="summary" class="summary" aria-labelledby="summary-title" hidden>
          <h3 id="summary-title" data-i18n="summary.title">À faire en premier</h3>
          <ol id="summary-list" class="summary-list"></ol>
          <p id="summary-more" class="summary-more" hidden></p>
        </section>

        <section class="nudges-section" aria-labelledby="nudges-title">
          <h3 id="nudges-title" data-i18n="nudges.title">Ce que Vigie vous propose</h3>
          <p id="nudges-hint" class="hint screen-only" data-i18n="nudges.hint">Ouvrez une carte pour savoir quoi faire et pourquoi.</p>
          <div id="nudges" class="nudges"></div>
          <p id="nudges-none" hidden></p>
        </section>

        <section id="still-open" class="still-open" aria-labelledby="still-open-title" hidden>
          <h3 id="still-open-title"></h3>
          <ul id="still-open-list" class="still-open-list"></ul>
          <p id="still-open-more" class="still-open-more" hidden></p>
        </section>

        <section id="doing-well" class="doing-well" aria-labelledby="well-title">
          <h3 id="well-title" data-i18n="well.title">Ce que vous faites déjà bien</h3>
          <ul id="well-list" class="well-list"></ul>
          <p id="well-none" class="well-none" hidden></p>
        </section>

        <p id="report-errors" class="report-errors" hidden></p>

        <section id="answers-summary" class="answers-summary" aria-labelledby="answers-title">
          <h3 id="answers-title" data-i18n="answers.title">Vos réponses</h3>
          <dl id="answers-list" class="answers-list"></dl>
        </section>

        <p id="results-ruleset" class="ruleset-line"></p>
        <p class="responsible" data-i18n="responsible">Vigie vous oriente ; votre médecin, votre sage-femme ou votre pharmacien reste responsable.</p>

        <div class="actions">
          <button type="button" id="print" class="secondary" data-i18n="print">Imprimer ou enregistrer en PDF</button>
          <button type="button" id="ics" class="secondary" data-i18n="ics">Ajouter les rappels à mon agenda</button>
          <button type="button" id="edit" class="primary" data-i18n="edit">Modifier mes réponses</button>
        </div>
        <p id="ics-status" class="status-line" role="status"></p>
      </section>

      <section id="privacy" part="privacy" class="privacy" aria-labelledby="privacy-title">
        <h2 id="privacy-title" data-i18n="privacy.title">Vos réponses restent sur cet appareil</h2>
        <p class="hint" data-i18n="privacy.hint">Rien n'est envoyé sur Internet. Pas de compte, pas de cookie.</p>
        <div class="choice check">
          <input type="checkbox" id="remember" name="remember" aria-describedby="remember-hint">
          <label for="remember" data-i18n="remember">Se souvenir de mes réponses sur cet appareil</label>
        </div>
        <p class="hint" id="remember-hint" data-i18n="remember.hint">Pratique sur votre propre appareil. Sur un appareil partagé, laissez la case vide.</p>
        <div class="actions">
          <button type="button" id="erase" class="secondary" data-i18n="erase">Effacer mes réponses de cet appareil</button>
          <button type="button" id="export" class="secondary" data-i18n="export">Enregistrer mes réponses dans un fichier</button>
          <span class="file-button">
            <input type="file" id="import" name="import" accept="application/json,.json" class="file-input">
            <label for="import" class="button secondary" data-i18n="import.label">Reprendre mes réponses depuis un fichier</label>
          </span>
        </div>
        <p id="privacy-status" class="status-line" role="status"></p>
      </section>
    </div>

    <dialog id="erase-dialog" class="confirm" aria-labelledby="erase-dialog-title" aria-describedby="erase-dialog-text">
      <h2 id="erase-dialog-title" data-i18n="erase.confirm.title">Effacer vos réponses ?</h2>
      <p id="erase-dialog-text" data-i18n="erase.confirm.text">Vos réponses seront effacées de cette page et de cet appareil. Cela ne peut pas être annulé. Pour les garder, enregistrez-les d'abord dans un fichier.</p>
      <div class="dialog-buttons">
        <button type="button" id="erase-cancel" class="secondary" data-i18n="erase.confirm.no">Non, garder mes réponses</button>
        <button type="button" id="erase-confirm" class="primary danger" data-i18n="erase.confirm.yes">Oui, effacer</button>
      </div>
    </dialog>

    <section id="about" part="about" class="about" aria-labelledby="about-title" hidden>
      <h2 id="about-title" tabindex="-1" data-i18n="about.title">À propos de Vigie</h2>

      <h3 data-i18n="about.how.title">Comment Vigie fonctionne</h3>
      <p data-i18n="about.how.1">Vous répondez à quelques questions. Vigie compare vos réponses à des règles écrites à partir des recommandations officielles françaises (Assurance Maladie, Institut national du cancer, Haute Autorité de santé).</p>
      <p data-i18n="about.how.2">Il vous dit ensuite ce qui est à faire, quand, pourquoi, et qui voir. Chaque proposition indique la règle et les sources dont elle vient.</p>
      <p data-i18n="about.programs">Cette version des règles couvre&nbsp;:</p>
      <dl id="about-programs" class="about-programs"></dl>

      <h3 data-i18n="about.data.title">Vos données</h3>
      <p data-i18n="about.data.1">Vigie utilise seulement vos réponses : date de naissance ou âge, sexe à la naissance, santé, tabac, taille et poids, antécédents familiaux, examens de dépistage et vaccins, et, si vous le donnez, votre département.</p>
      <p data-i18n="about.data.2">Tout est calculé dans votre navigateur, sur cet appareil. Il n'y a pas de compte, pas de cookie, et la page n'envoie rien sur Internet.</p>
      <p data-i18n="about.data.3">Si vous cochez «&nbsp;Se souvenir de mes réponses sur cet appareil&nbsp;», elles sont gardées dans ce navigateur jusqu'à ce que vous les effaciez. Sinon, elles sont gardées seulement dans cet onglet, pour qu'un rechargement de la page ne fasse rien perdre, et elles disparaissent quand vous le fermez.</p>

      <h3 data-i18n="about.limits.title">Ses limites</h3>
      <p data-i18n="about.limits.1">Vigie vous oriente : il ne pose pas de diagnostic et ne remplace pas une consultation. Votre médecin, votre sage-femme ou votre pharmacien reste responsable.</p>
      <p data-i18n="about.limits.2">Vigie ne sait que ce que vous lui dites. Si vous remarquez quelque chose d'inhabituel dans votre corps, consultez un médecin sans attendre.</p>

      <h3 data-i18n="about.rules.title">Les règles</h3>
      <dl id="about-ruleset" class="about-ruleset"></dl>
      <h4 data-i18n="about.sources.title">Les sources des règles</h4>
      <ul id="about-sources" class="sources"></ul>

      <h3 data-i18n="about.who.title">Qui l'a fait</h3>
      <p data-i18n="about.who.1">Vigie est réalisé par l'équipe du projet Vigie. C'est un logiciel libre (licence MIT ou Apache 2.0) : son code et ses règles peuvent être lus et vérifiés par tous.</p>

      <p><button type="button" id="about-close" class="primary" data-i18n="about.close">Fermer</button></p>
    </section>

    <div id="announcer" class="visually-hidden" aria-live="polite"></div>
</div>
`;
